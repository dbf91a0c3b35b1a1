package io.devlogs.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class HostPortsTest {

  @Test
  void parsesAListAndIgnoresBlanks() {
    assertThat(HostPorts.parse("cassandra.contact-points", "a:9042, b:9043,"))
        .containsExactly(
            InetSocketAddress.createUnresolved("a", 9042),
            InetSocketAddress.createUnresolved("b", 9043));
  }

  @Test
  void errorsNameTheKeyAndTheEntry() {
    assertThatThrownBy(() -> HostPorts.parse("cassandra.contact-points", "a"))
        .hasMessage("cassandra.contact-points entry 'a' is not host:port");
    assertThatThrownBy(() -> HostPorts.parse("k", "a:x"))
        .hasMessage("k entry 'a:x' has no numeric port");
    assertThatThrownBy(() -> HostPorts.parse("k", " , ")).hasMessage("k is empty");
  }
}
