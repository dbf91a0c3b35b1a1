package io.devlogs.flink.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiRedactorTest {

  private final PiiRedactor redactor = new PiiRedactor();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          mail from alice@example.com failed         | mail from [email] failed
          to: Bob.Smith+news@mail.example.co.uk.     | to: [email].
          <j_doe-1@sub.example.io>                    | <[email]>
          a@b.de,c@d.org                             | [email],[email]
          user email=x.y@corp.example                | user email=[email]
          """)
  void emailAddresses(String in, String out) {
    assertThat(redactor.redact(in)).isEqualTo(out);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          paid with 4111111111111111 ok          | paid with [card] ok
          card 4111 1111 1111 1111               | card [card]
          card=5500-0000-0000-0004;              | card=[card];
          amex 3782 822463 10005                 | amex [card]
          (6011000990139424)                     | ([card])
          diners 30569309025904.                 | diners [card].
          """)
  void luhnValidCardNumbers(String in, String out) {
    assertThat(redactor.redact(in)).isEqualTo(out);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          password=hunter2 user=bob                        | password=[redacted] user=bob
          login passwd: s3cr3t!                            | login passwd: [redacted]
          pwd = abc,next=1                                 | pwd = [redacted],next=1
          ?access_token=ya29.a0Af&scope=email              | ?access_token=[redacted]&scope=email
          DB_PASSWORD='p a s s' host=db                    | DB_PASSWORD='[redacted]' host=db
          client_secret: "x\\"y" done                      | client_secret: "[redacted]" done
          x-api-key: 0123abcd                              | x-api-key: [redacted]
          apikey=ABC api_key=DEF                           | apikey=[redacted] api_key=[redacted]
          token:abc}                                       | token:[redacted]}
          """)
  void secretValuesOfKeyValuePairs(String in, String out) {
    assertThat(redactor.redact(in)).isEqualTo(out);
  }

  @Test
  void secretValuesInJson() {
    assertThat(redactor.redact("{\"user\":\"bob\",\"password\":\"hunter2\",\"n\":1}"))
        .isEqualTo("{\"user\":\"bob\",\"password\":\"[redacted]\",\"n\":1}");
    assertThat(redactor.redact("{\"Secret\" : \"a b c\", \"token\": 12345}"))
        .isEqualTo("{\"Secret\" : \"[redacted]\", \"token\": [redacted]}");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc  | Authorization: Bearer [redacted]
          authorization=Basic dXNlcjpwYXNz                    | authorization=Basic [redacted]
          "Authorization":"Bearer abc"                        | "Authorization":"Bearer [redacted]"
          Authorization: s3cr3t                               | Authorization: [redacted]
          sent Bearer abc123 to api                           | sent Bearer [redacted] to api
          header bearer xyzxyzxyzxyz                          | header bearer [redacted]
          """)
  void bearerAndBasicCredentials(String in, String out) {
    assertThat(redactor.redact(in)).isEqualTo(out);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "GET /index.html 200 1532 in 12ms",
        "ssh root@server1 accepted", // no top-level domain
        "@timestamp is set",
        "installed pkg@1.2.3",
        "a@b.c is not an address",
        "epoch 1714608000000 and nanos 1714608000123456789", // start with 1: not a card prefix
        "order 4111111111111112 rejected", // fails Luhn
        "trace 4111111111111111abc", // part of a word
        "uuid 123e4567-e89b-12d3-a456-426614174000",
        "date 2024-05-01 10:00:00,123 took 5 ms",
        "version 4111111111111111.5", // a decimal number
        "phone +4111111111111111", // preceded by +
        "ids 41 11 11 11 11 11 11 11", // groups shorter than 3 digits
        "password reset requested for bob",
        "password_reset=true max_tokens=100 tokenizer=bpe",
        "tokens=5 mytoken=abc secretary=alice",
        "GET /api/token: 200",
        "the bearer token expired",
        "basic auth enabled",
        "10.0.0.1:8080 -> 10.0.0.2:443"
      })
  void leavesOrdinaryLogTextAlone(String text) {
    assertThat(redactor.redact(text)).isSameAs(text);
  }

  @Test
  void redactionIsIdempotent() {
    String once = redactor.redact("password=x mail a@b.com card 4111111111111111 Bearer abc123");
    assertThat(once).isEqualTo("password=[redacted] mail [email] card [card] Bearer [redacted]");
    assertThat(redactor.redact(once)).isEqualTo(once);
  }

  @Test
  void attributesWithSecretKeysAreReplacedWholeOthersAreRedactedInside() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("user.email", "alice@example.com");
    attributes.put("http.headers.authorization", "Bearer abc");
    attributes.put("db.password", "has spaces and all");
    attributes.put("access_token", "");
    attributes.put("path", "/login?token=t0k3n");
    attributes.put("count", "5");

    Map<String, String> redacted = redactor.redactAttributes(attributes);

    assertThat(redacted)
        .containsExactly(
            Map.entry("user.email", "[email]"),
            Map.entry("http.headers.authorization", "[redacted]"),
            Map.entry("db.password", "[redacted]"),
            Map.entry("access_token", ""),
            Map.entry("path", "/login?token=[redacted]"),
            Map.entry("count", "5"));
    Map<String, String> clean = Map.of("count", "5", "max_tokens", "100");
    assertThat(redactor.redactAttributes(clean)).isSameAs(clean);
  }

  @Test
  void secretKeyNames() {
    assertThat(PiiRedactor.isSecretKey("PASSWORD")).isTrue();
    assertThat(PiiRedactor.isSecretKey("refresh-token")).isTrue();
    assertThat(PiiRedactor.isSecretKey("x.api.key")).isTrue();
    assertThat(PiiRedactor.isSecretKey("apikey")).isTrue();
    assertThat(PiiRedactor.isSecretKey("token_count")).isFalse();
    assertThat(PiiRedactor.isSecretKey("keyboard")).isFalse();
    assertThat(PiiRedactor.isSecretKey("")).isFalse();
  }
}
