package io.wimigrate.rewriter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The secret check that tries its pattern only near the words a match holds finds what a plain search finds. */
class FileRewriteSecretTest {

    private static final List<String> PIECES = List.of(".clientSecret(", ".CLIENTCERTIFICATEPASSWORD (", ".pfxPassword(",
            ".password(", "client-secret:", "Client-Certificate-Password=", "pfx-password :", "clientSecret:",
            "clientCertificatePassword :", "\"s3cr3t\"", "\"\"", "'x'", "${APP_SECRET}", "value", " ", "\n", "\t", "-",
            "+", "\"", "secret", "PASSWORD", "İ", "é", ".", "(", ":", "=");

    @Test
    void findsExactlyWhatAPlainSearchFinds() {
        Random random = new Random(7);
        List<String> texts = new ArrayList<>(List.of("", "+ .clientSecret(\"abc\")", "- client-secret: ${X}",
                "  client-certificate-password: hunter2", "İİİ.ClientSecret( \"x\")", "password(\"x\")"));
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                text.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            texts.add(text.toString());
        }
        int shown = 0;
        for (String text : texts) {
            boolean expected = FileRewrite.SECRET_LITERAL.matcher(text).find();
            assertThat(FileRewrite.showsSecretLiteral(text)).as(text).isEqualTo(expected);
            shown += expected ? 1 : 0;
        }
        assertThat(shown).as("texts showing a secret").isBetween(texts.size() / 50, texts.size() - texts.size() / 50);
    }
}
