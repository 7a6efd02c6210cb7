package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionRangeTest {

    @Test
    void versionsCompareNumericallyAndPreReleasesComeFirst() {
        assertThat(Versions.compare("1.10.0", "1.9.0")).isPositive();
        assertThat(Versions.compare("1.9.0-beta.1", "1.9.0")).isNegative();
        assertThat(Versions.compare("1.13.0b1", "1.13.0")).isNegative();
        assertThat(Versions.compare("v1.3.0", "1.3.0")).isZero();
        assertThat(Versions.compare("1.9", "1.9.0")).isZero();
        assertThat(Versions.compare("1.9.1", "1.9.0")).isPositive();
        assertThat(Versions.compare("2.0.0-beta.1", "1.9.0")).isPositive();
    }

    @Test
    void exactVersionsAreDecided() {
        assertThat(VersionRange.ofMavenStyle("1.8.2").supports("1.9.0")).isFalse();
        assertThat(VersionRange.ofMavenStyle("1.9.0").supports("1.9.0")).isTrue();
        assertThat(VersionRange.ofMavenStyle("1.9.0-beta.1").supports("1.9.0")).isFalse();
        assertThat(VersionRange.ofPep440("==1.12.0").supports("1.13.0")).isFalse();
        assertThat(VersionRange.ofNpmStyle("3.1.3").supports("3.2.0")).isFalse();
    }

    @Test
    void rangesAreDecidedOnlyWhenEveryAllowedVersionAgrees() {
        assertThat(VersionRange.ofPep440(">=1.12,<2").supports("1.13.0")).isNull();
        assertThat(VersionRange.ofPep440(">=1.14.0").supports("1.13.0")).isTrue();
        assertThat(VersionRange.ofPep440("<1.13").supports("1.13.0")).isFalse();
        assertThat(VersionRange.ofPep440("~=1.12").supports("1.13.0")).isNull();
        assertThat(VersionRange.ofNpmStyle("^3.1.0").supports("3.2.0")).isNull();
        assertThat(VersionRange.ofNpmStyle("^3.2.0").supports("3.2.0")).isTrue();
        assertThat(VersionRange.ofNpmStyle(">=2 <3.2.0").supports("3.2.0")).isFalse();
        assertThat(VersionRange.ofNpmStyle("^2.0.0 || ^4.0.0").supports("3.2.0")).isNull();
        assertThat(VersionRange.ofNpmStyle("latest").supports("3.2.0")).isNull();
        assertThat(VersionRange.ofMavenStyle("[1.5,1.9)").supports("1.9.0")).isFalse();
        assertThat(VersionRange.ofMavenStyle("[1.10.0,)").supports("1.9.0")).isTrue();
        assertThat(VersionRange.ofMavenStyle("[1.5,2.0)").supports("1.9.0")).isNull();
        assertThat(VersionRange.ofMavenStyle("1.+").supports("1.9.0")).isNull();
        assertThat(VersionRange.ofMavenStyle("${azure.version}").supports("1.9.0")).isNull();
    }
}
