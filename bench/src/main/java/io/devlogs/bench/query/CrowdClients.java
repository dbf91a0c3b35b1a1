package io.devlogs.bench.query;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.api.Request;
import org.eclipse.jetty.client.util.StringRequestContent;
import org.eclipse.jetty.util.HttpCookieStore;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The crowd's HTTP clients: {@value #COUNT} asynchronous Jetty clients taking the requests in turn,
 * on one shared pool of threads.
 *
 * <p>Jetty's rather than the JDK's {@code java.net.http} client: on this 2-core machine the JDK
 * client alone spent 0.26 ms of CPU per request at 5,000 users (0.66 cores for 2,500 requests/s),
 * as much as the query service it measured, and 0.96 cores against the service, taking the CPU the
 * service needed. Its idle connections also sit in linked lists that it walks on every return and
 * clean-up, behind one selector thread: with the 11,000 connections of a 5,000-user crowd, that
 * walk became the driver's work (JFR: {@code ConnectionPool.cleanup}, {@code ExpiryList.remove}),
 * and after one crowd against the service the driver alone answered a trivial endpoint with p95 1.6
 * to 10 s. Several clients keep each connection pool short, as each browser's own is.
 *
 * <p>The clients keep no cookies (a crowd's sessions carry their own {@code Cookie} header) and ask
 * for no compression, as the JDK client did, so the figures compare with earlier runs.
 */
final class CrowdClients implements AutoCloseable {
  static final int COUNT = 8;

  /** Connections of one client to the service; beyond them requests wait in the client. */
  static final int CONNECTIONS_EACH = 2_048;

  private static final long TIMEOUT_SECONDS = CrowdRun.REQUEST_TIMEOUT.toSeconds();

  private final QueuedThreadPool threads;
  private final ScheduledExecutorScheduler scheduler;
  private final List<HttpClient> clients;
  private final AtomicInteger next = new AtomicInteger();

  private CrowdClients(
      QueuedThreadPool threads, ScheduledExecutorScheduler scheduler, List<HttpClient> clients) {
    this.threads = threads;
    this.scheduler = scheduler;
    this.clients = clients;
  }

  /** Starts the clients. */
  static CrowdClients start() throws Exception {
    // Each client's selector keeps one thread; the rest run the answers.
    QueuedThreadPool threads = new QueuedThreadPool(COUNT + 16, COUNT + 4);
    threads.setName("crowd-http");
    threads.start();
    ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("crowd-timeouts", true);
    scheduler.start();
    List<HttpClient> clients =
        IntStream.range(0, COUNT).mapToObj(i -> client(threads, scheduler)).toList();
    for (HttpClient client : clients) {
      client.start();
    }
    return new CrowdClients(threads, scheduler, clients);
  }

  private static HttpClient client(QueuedThreadPool threads, ScheduledExecutorScheduler scheduler) {
    HttpClient client = new HttpClient();
    client.setExecutor(threads);
    client.setScheduler(scheduler);
    client.setMaxConnectionsPerDestination(CONNECTIONS_EACH);
    client.setMaxRequestsQueuedPerDestination(Integer.MAX_VALUE);
    client.setConnectTimeout(10_000);
    client.setIdleTimeout(30_000);
    client.setFollowRedirects(false);
    client.setCookieStore(new HttpCookieStore.Empty());
    client.setUserAgentField(null);
    client.getContentDecoderFactories().clear();
    return client;
  }

  /** {@code request} on the next client, with the crowd's timeout. */
  Request newRequest(CrowdRequest request) {
    HttpClient client = clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
    Request jetty =
        client
            .newRequest(request.url())
            .method(request.method())
            .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .headers(headers -> request.headers().forEach(headers::put));
    if (request.jsonBody() != null) {
      jetty.body(new StringRequestContent("application/json", request.jsonBody()));
    }
    return jetty;
  }

  @Override
  public void close() throws Exception {
    for (HttpClient client : clients) {
      client.stop();
    }
    scheduler.stop();
    threads.stop();
  }
}
