package dev.connectorkit.core.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class SecretsTest {
  private static final Secrets NONE = Secrets.of(Map.of(), Set.of());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CONFIG_PO_PASSWORD",
        "PRIVATE_KEY",
        "PASSPHRASE",
        "DB_PWD",
        "PWD",
        "AUTH_HEADER",
        "api-key",
        "client_secret",
        "ACCESS_TOKEN",
        "smtp.pass",
        "Credentials",
        "SESSION_COOKIE"
      })
  void isSecret_recognisesKeyNamesThatHoldSecrets(String key) {
    assertTrue(Secrets.isSecret(key, Set.of()), key);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"CONFIG_EXPORT_CMD_LINE", "CONFIG_PO_NAME", "AUTHOR", "COMPASS_DIR", "KEYBOARD"})
  void isSecret_leavesOrdinaryKeysAlone(String key) {
    assertFalse(Secrets.isSecret(key, Set.of()), key);
  }

  @Test
  void isSecret_honoursAKeyTheHostDeclared() {
    assertTrue(Secrets.isSecret("CONFIG_PO_LOGIN", Set.of("CONFIG_PO_LOGIN")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://ccmc:pa55word@post.example/ccmail | https://ccmc:********@post.example/ccmail",
        "jdbc:postgresql://db/ccmc?user=ccmc&password=s3cr3t&ssl=true | jdbc:postgresql://db/ccmc?user=ccmc&password=********&ssl=true",
        "Export /PWD=hunter2 /BATCH | Export /PWD=******** /BATCH",
        "token: abc123. Next | token: ********. Next",
        "Authorization: Bearer eyJhbGciOi.J9x | Authorization: Bearer ********",
        "Basic authentication failed | Basic authentication failed",
        "Consecutive failures: 1 of 25 | Consecutive failures: 1 of 25"
      })
  void redact_replacesWhatLooksLikeASecretInAnyText(String text, String expected) {
    assertEquals(expected, NONE.redact(text));
  }

  @Test
  void redact_replacesAPemPrivateKeyWhole() {
    String pem =
        "key: -----BEGIN RSA PRIVATE KEY-----\nMIIEow\nIBAAK\n-----END RSA PRIVATE KEY----- done";
    assertEquals("key: ******** done", NONE.redact(pem));
  }

  @Test
  void redact_replacesEveryDeclaredValueLongestFirst() {
    Secrets secrets =
        Secrets.of(
            Map.of("CONFIG_PO_LOGIN", "hunter2", "CONFIG_PO_LOGIN2", "hunter2-long"),
            Set.of("CONFIG_PO_LOGIN", "CONFIG_PO_LOGIN2"));
    assertEquals(
        "/LOGIN=******** /ALT=********", secrets.redact("/LOGIN=hunter2-long /ALT=hunter2"));
  }

  @Test
  void redact_keepsAnExceptionWithoutSecretsAndStandsInForOneWithThem() {
    Secrets secrets = Secrets.of(Map.of("CONFIG_PO_LOGIN", "hunter2"), Set.of("CONFIG_PO_LOGIN"));
    IllegalStateException clean = new IllegalStateException("no secret here");
    IllegalStateException dirty =
        new IllegalStateException("login hunter2 refused", new IOException("hunter2"));

    assertSame(clean, secrets.redact(clean));
    Throwable redacted = secrets.redact(dirty);

    RedactedException copy = assertInstanceOf(RedactedException.class, redacted);
    assertEquals("java.lang.IllegalStateException", copy.originalClass());
    assertEquals(
        "java.lang.IllegalStateException: login ******** refused (secrets redacted)",
        copy.getMessage());
    assertFalse(
        String.valueOf(copy.getCause()).contains("hunter2"), String.valueOf(copy.getCause()));
    assertEquals(dirty.getStackTrace().length, copy.getStackTrace().length);
  }
}
