package dev.sslbench.evaluation;

/**
 * The k most similar train rows of one test row, kept in a bounded min-heap. Order: higher
 * similarity first, and among equal similarities the lower train index, so the selection is
 * deterministic whatever the order of ties in the engine's output.
 */
final class NearestNeighbours {
  private final int k;
  private final int[] index;
  private final float[] sim;
  private int size;

  NearestNeighbours(int k) {
    this.k = k;
    this.index = new int[k];
    this.sim = new float[k];
  }

  /** Selects among {@code row[offset .. offset + n)}; candidate j has train index j. */
  void select(float[] row, int offset, int n) {
    size = 0;
    for (int j = 0; j < n; j++) {
      float s = row[offset + j];
      if (size < k) {
        index[size] = j;
        sim[size] = s;
        siftUp(size++);
      } else if (s > sim[0]) {
        // Equal similarity never displaces: the held one has the lower index (j only grows).
        index[0] = j;
        sim[0] = s;
        siftDown(0);
      }
    }
  }

  int size() {
    return size;
  }

  int index(int i) {
    return index[i];
  }

  float similarity(int i) {
    return sim[i];
  }

  /** a is a worse neighbour than b: lower similarity, or equal similarity and higher index. */
  private boolean worse(int a, int b) {
    return sim[a] < sim[b] || (sim[a] == sim[b] && index[a] > index[b]);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!worse(i, parent)) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int worst = i;
      if (l < size && worse(l, worst)) {
        worst = l;
      }
      if (r < size && worse(r, worst)) {
        worst = r;
      }
      if (worst == i) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int a, int b) {
    int ti = index[a];
    index[a] = index[b];
    index[b] = ti;
    float ts = sim[a];
    sim[a] = sim[b];
    sim[b] = ts;
  }
}
