dependencies {
    implementation(libs.azure.identity)
    testImplementation(libs.junit)
}
