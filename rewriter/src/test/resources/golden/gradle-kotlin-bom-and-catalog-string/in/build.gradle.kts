plugins {
    java
}

dependencies {
    // The BOM manages azure-identity's version: left alone here.
    implementation(platform("com.azure:azure-sdk-bom:1.2.10"))
    implementation("com.azure:azure-identity")
    implementation(libs.azure.identity)
    implementation(libs.azure.storage.blob)
}
