plugins {
    java
}

dependencies {
    implementation("com.azure:azure-identity:1.9.0")
    implementation("com.azure:azure-storage-blob:12.21.1")
    testImplementation(group = "com.azure", name = "azure-identity", version = "1.9.0")
}
