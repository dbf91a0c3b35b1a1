package io.devlogs.flink.patterns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups one project's messages into patterns as they come, with the Drain algorithm (He et al.,
 * "Drain: An Online Log Parsing Approach with Fixed Depth Tree", ICWS 2017), as the drain3 project
 * implements it: a message's masked tokens ({@link MessageTokens}) descend a tree by their count
 * and then by their first {@code depth - 2} tokens to a leaf; the message joins the leaf's pattern
 * whose fixed tokens it equals most (ties: the more general one) if that share of all its tokens
 * reaches the similarity threshold (tokens holding a masked variable never count as equal, so two
 * messages are not alike for sharing variables in the same places), and that pattern's template
 * turns the differing positions into wildcards; otherwise it starts a new pattern.
 *
 * <p>Bounded: at most {@link PatternOptions#maxPatterns()} patterns; a new one beyond evicts the
 * least recently matched (reported in {@link Match#evicted()}). Not thread-safe; one per project.
 */
public final class PatternMiner {

  /** Longest example message kept per pattern. */
  public static final int MAX_EXAMPLE_CHARS = 512;

  private final String project;
  private final PatternOptions options;
  private final Map<Integer, Node> byLength = new HashMap<>();

  /** Every live pattern, least recently matched first. */
  private final LinkedHashMap<String, Pattern> byId = new LinkedHashMap<>(64, 0.75f, true);

  public PatternMiner(String project, PatternOptions options) {
    this.project = project;
    this.options = options;
  }

  /** What adding a message did. */
  public enum Change {
    /** The message matched a pattern whose template already covered it. */
    NONE,
    /** The message started a new pattern. */
    CREATED,
    /** The message matched a pattern and generalised its template. */
    GENERALISED
  }

  /**
   * The outcome of one message.
   *
   * @param id the pattern the message belongs to
   * @param change what happened to that pattern
   * @param cluster the pattern after the message, when it changed ({@code null} for {@link
   *     Change#NONE}, to spare an allocation per event)
   * @param evicted the id of a pattern evicted to make room, or {@code null}
   */
  public record Match(String id, Change change, PatternCluster cluster, String evicted) {}

  /**
   * Adds a message seen at {@code eventTimeMillis} (first-seen time of a new pattern), at
   * processing time {@code nowMillis} (least recently matched decides eviction).
   */
  public Match add(String message, long eventTimeMillis, long nowMillis) {
    String[] tokens = MessageTokens.of(message, options.maxTokens());
    Pattern best = search(tokens);
    if (best != null) {
      best.lastSeenMillis = nowMillis;
      byId.get(best.id); // marks it most recently used
      if (!best.generaliseWith(tokens)) {
        return new Match(best.id, Change.NONE, null, null);
      }
      return new Match(best.id, Change.GENERALISED, best.snapshot(), null);
    }
    String evicted = byId.size() >= options.maxPatterns() ? evictLeastRecent() : null;
    String first = MessageTokens.join(tokens);
    String id = PatternIds.of(project, first, 0);
    for (int attempt = 1; byId.containsKey(id); attempt++) {
      id = PatternIds.of(project, first, attempt);
    }
    Pattern created = new Pattern(id, tokens, eventTimeMillis, example(message), 1, nowMillis);
    insert(created);
    return new Match(id, Change.CREATED, created.snapshot(), evicted);
  }

  /** Puts back a pattern read from state (after a restart), keeping its id and version. */
  public void restore(PatternCluster cluster) {
    if (byId.containsKey(cluster.id())) {
      return;
    }
    insert(
        new Pattern(
            cluster.id(),
            cluster.template().clone(),
            cluster.firstSeenMillis(),
            cluster.example(),
            cluster.version(),
            cluster.lastSeenMillis()));
  }

  /** Every live pattern. */
  public Collection<PatternCluster> patterns() {
    List<PatternCluster> all = new ArrayList<>(byId.size());
    for (Pattern p : byId.values()) {
      all.add(p.snapshot());
    }
    return all;
  }

  /** How many patterns are live. */
  public int size() {
    return byId.size();
  }

  private Pattern search(String[] tokens) {
    Node node = byLength.get(tokens.length);
    int prefix = Math.min(options.depth() - 2, tokens.length);
    for (int i = 0; node != null && i < prefix; i++) {
      Node next = node.children == null ? null : node.children.get(tokens[i]);
      node = next != null ? next : node.wildcardChild();
    }
    if (node == null || node.patterns == null) {
      return null;
    }
    Pattern best = null;
    double bestSimilarity = -1;
    int bestWildcards = -1;
    for (Pattern p : node.patterns) {
      if (Arrays.equals(p.template, tokens)) {
        // its own template, also when every token is a variable and none counts as equal
        return p;
      }
      int equal = 0;
      int wildcards = 0;
      String[] template = p.template;
      boolean[] variable = p.variable;
      for (int i = 0; i < template.length; i++) {
        if (variable[i]) {
          wildcards++;
        } else if (template[i].equals(tokens[i])) {
          equal++;
        }
      }
      double similarity = template.length == 0 ? 1.0 : (double) equal / template.length;
      if (similarity > bestSimilarity
          || (similarity == bestSimilarity && wildcards > bestWildcards)) {
        best = p;
        bestSimilarity = similarity;
        bestWildcards = wildcards;
      }
    }
    return bestSimilarity >= options.similarity() ? best : null;
  }

  private void insert(Pattern pattern) {
    String[] tokens = pattern.template;
    Node node = byLength.computeIfAbsent(tokens.length, n -> new Node());
    int prefix = Math.min(options.depth() - 2, tokens.length);
    for (int i = 0; i < prefix; i++) {
      node = node.childFor(tokens[i], options.maxChildren());
    }
    if (node.patterns == null) {
      node.patterns = new ArrayList<>(2);
    }
    node.patterns.add(pattern);
    pattern.leaf = node;
    byId.put(pattern.id, pattern);
  }

  private String evictLeastRecent() {
    Iterator<Pattern> oldest = byId.values().iterator();
    Pattern victim = oldest.next();
    oldest.remove();
    victim.leaf.patterns.remove(victim);
    return victim.id;
  }

  private static String example(String message) {
    if (message.length() <= MAX_EXAMPLE_CHARS) {
      return message;
    }
    int end = MAX_EXAMPLE_CHARS;
    if (Character.isHighSurrogate(message.charAt(end - 1))) {
      end--;
    }
    return message.substring(0, end);
  }

  /** A node of the tree: children by token, or the patterns of a leaf. */
  private static final class Node {
    Map<String, Node> children;
    List<Pattern> patterns;

    Node wildcardChild() {
      return children == null ? null : children.get(MessageTokens.WILDCARD);
    }

    /** Drain's rule for where a new pattern's token goes when the node is (nearly) full. */
    Node childFor(String token, int maxChildren) {
      if (children == null) {
        children = new HashMap<>(4);
      }
      Node child = children.get(token);
      if (child != null) {
        return child;
      }
      boolean hasWildcard = children.containsKey(MessageTokens.WILDCARD);
      String key;
      if (token.equals(MessageTokens.WILDCARD)) {
        key = MessageTokens.WILDCARD;
      } else if (hasWildcard) {
        key = children.size() < maxChildren ? token : MessageTokens.WILDCARD;
      } else if (children.size() + 1 < maxChildren) {
        key = token;
      } else {
        key = MessageTokens.WILDCARD;
      }
      return children.computeIfAbsent(key, k -> new Node());
    }
  }

  /** A live pattern; mutable, unlike the {@link PatternCluster} snapshots it hands out. */
  private static final class Pattern {
    final String id;
    final String[] template;

    /** Which tokens hold a variable ({@code <*>} alone or within): they never count as equal. */
    final boolean[] variable;

    final long firstSeenMillis;
    final String example;
    int version;
    long lastSeenMillis;
    Node leaf;

    Pattern(
        String id,
        String[] template,
        long firstSeenMillis,
        String example,
        int version,
        long lastSeenMillis) {
      this.id = id;
      this.template = template;
      this.firstSeenMillis = firstSeenMillis;
      this.example = example;
      this.version = version;
      this.lastSeenMillis = lastSeenMillis;
      this.variable = new boolean[template.length];
      for (int i = 0; i < template.length; i++) {
        if (template[i].equals(MessageTokens.WILDCARD)) {
          template[i] = MessageTokens.WILDCARD; // one instance: compared by reference
        }
        variable[i] = template[i].contains(MessageTokens.WILDCARD);
      }
    }

    /** Turns the positions where {@code tokens} differ into wildcards; whether any changed. */
    boolean generaliseWith(String[] tokens) {
      boolean changed = false;
      for (int i = 0; i < template.length; i++) {
        if (template[i] != MessageTokens.WILDCARD && !template[i].equals(tokens[i])) {
          template[i] = MessageTokens.WILDCARD;
          variable[i] = true;
          changed = true;
        }
      }
      if (changed) {
        version++;
      }
      return changed;
    }

    PatternCluster snapshot() {
      return new PatternCluster(
          id, template.clone(), firstSeenMillis, example, version, lastSeenMillis);
    }
  }
}
