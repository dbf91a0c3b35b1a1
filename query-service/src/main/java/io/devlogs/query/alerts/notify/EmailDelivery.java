package io.devlogs.query.alerts.notify;

import io.devlogs.alerts.AlertTransition;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Sends a transition as a plain-text e-mail over SMTP (Jakarta Mail, Angus's implementation). The
 * idempotency key is a header and makes the {@code Message-ID}, so a mail sent twice after a crash
 * is one message to the mail client.
 */
public final class EmailDelivery implements Delivery {
  public static final String IDEMPOTENCY_HEADER = "X-Devlogs-Idempotency-Key";

  private final Session session;
  private final String from;

  public EmailDelivery(String smtpHost, int smtpPort, String from, Duration timeout) {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", smtpHost);
    properties.put("mail.smtp.port", Integer.toString(smtpPort));
    String millis = Long.toString(timeout.toMillis());
    properties.put("mail.smtp.connectiontimeout", millis);
    properties.put("mail.smtp.timeout", millis);
    properties.put("mail.smtp.writetimeout", millis);
    this.session = Session.getInstance(properties);
    this.from = from;
  }

  @Override
  public void send(Receiver receiver, AlertTransition transition, byte[] body)
      throws DeliveryException {
    InternetAddress[] to;
    try {
      to = InternetAddress.parse(receiver.target(), true);
    } catch (AddressException e) {
      throw new DeliveryException("not an e-mail address: " + receiver.target(), true);
    }
    try {
      MimeMessage message = new IdentifiedMessage(session, messageId(transition));
      message.setFrom(new InternetAddress(from));
      message.setRecipients(Message.RecipientType.TO, to);
      message.setSubject(NotificationBody.title(transition), "UTF-8");
      message.setSentDate(new Date());
      message.setHeader(IDEMPOTENCY_HEADER, transition.idempotencyKey());
      message.setText(new String(body, StandardCharsets.UTF_8), "UTF-8");
      Transport.send(message);
    } catch (MessagingException e) {
      throw new DeliveryException("SMTP to " + receiver.target() + " failed", e);
    }
  }

  /** {@code <hex of the key@devlogs>}: stable across repeats of the same transition. */
  static String messageId(AlertTransition transition) {
    return "<"
        + HexFormat.of().formatHex(transition.idempotencyKey().getBytes(StandardCharsets.UTF_8))
        + "@devlogs>";
  }

  /** A message whose {@code Message-ID} is ours rather than a fresh random one. */
  private static final class IdentifiedMessage extends MimeMessage {
    private final String id;

    IdentifiedMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
