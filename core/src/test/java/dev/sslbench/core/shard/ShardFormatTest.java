package dev.sslbench.core.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardFormatTest {
  private static final ImageShape SHAPE = new ImageShape(3, 2, 3);

  @TempDir Path tmp;

  private static List<ViewPair> pairs(int n) {
    SplittableRandom rng = new SplittableRandom(7);
    List<ViewPair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] a = new byte[SHAPE.pixels()];
      byte[] b = new byte[SHAPE.pixels()];
      for (int k = 0; k < a.length; k++) {
        a[k] = (byte) rng.nextInt(256);
        b[k] = (byte) rng.nextInt(256);
      }
      out.add(new ViewPair(i % 4 + 1_000_000_000_000L, i / 4, i % 10, a, b));
    }
    return out;
  }

  private Path writeShard(List<ViewPair> pairs) throws IOException {
    Path file = tmp.resolve("pairs-00000-of-00001.bin");
    try (ShardWriter w = new ShardWriter(Files.newOutputStream(file), SHAPE)) {
      for (ViewPair p : pairs) {
        w.write(p);
      }
      assertEquals(pairs.size(), w.count());
    }
    return file;
  }

  @Test
  void roundTripPreservesEveryRecordAndTheShape() throws IOException {
    List<ViewPair> written = pairs(10);
    Path file = writeShard(written);
    assertEquals(ShardFormat.HEADER_BYTES + 10 * ShardFormat.recordBytes(SHAPE), Files.size(file));
    List<ViewPair> read = new ArrayList<>();
    try (ShardReader r = ShardReader.open(file)) {
      assertEquals(SHAPE, r.shape());
      r.forEachRemaining(read::add);
      assertFalse(r.hasNext());
    }
    assertEquals(written, read);
  }

  @Test
  void headerIsBigEndianAsDocumented() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ViewPair p = new ViewPair(0x0102030405060708L, 9, 3, new byte[18], new byte[18]);
    try (ShardWriter w = new ShardWriter(bytes, SHAPE)) {
      w.write(p);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray());
    byte[] magic = new byte[8];
    b.get(magic);
    assertEquals("SSLVPAIR", new String(magic, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(1, b.getInt());
    assertEquals(3, b.getInt());
    assertEquals(2, b.getInt());
    assertEquals(3, b.getInt());
    assertEquals(0x0102030405060708L, b.getLong());
    assertEquals(9, b.getInt());
    assertEquals(3, b.getInt());
    assertEquals(36, b.remaining());
  }

  @Test
  void truncatedRecordNamesFileRecordAndReason() throws IOException {
    Path file = writeShard(pairs(5));
    byte[] all = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(all, all.length - 7));
    try (ShardReader r = ShardReader.open(file)) {
      for (int i = 0; i < 4; i++) {
        r.next();
      }
      ShardFormatException e = assertThrows(ShardFormatException.class, r::hasNext);
      assertEquals(4, e.record());
      assertEquals(file, e.file());
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("record 4"), e.getMessage());
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
  }

  @Test
  void badMagicAndVersionAreRejected() throws IOException {
    Path bad = tmp.resolve("bad.bin");
    Files.writeString(bad, "NOTASHARD-AT-ALL-xxxxxxxxx");
    ShardFormatException e = assertThrows(ShardFormatException.class, () -> ShardReader.open(bad));
    assertTrue(
        e.getMessage().contains("bad.bin") && e.getMessage().contains("magic"), e.getMessage());

    Path v2 = tmp.resolve("v2.bin");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(v2))) {
      out.write(ShardFormat.MAGIC);
      out.writeInt(2);
      out.writeInt(1);
      out.writeInt(1);
      out.writeInt(1);
    }
    e = assertThrows(ShardFormatException.class, () -> ShardReader.open(v2));
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());

    Path shortHeader = tmp.resolve("short.bin");
    Files.write(shortHeader, Arrays.copyOf(ShardFormat.MAGIC, 10));
    e = assertThrows(ShardFormatException.class, () -> ShardReader.open(shortHeader));
    assertTrue(e.getMessage().contains("truncated header"), e.getMessage());
  }

  @Test
  void writerRejectsWrongSizesAndUnsortedRecords() throws IOException {
    try (ShardWriter w = new ShardWriter(OutputStream.nullOutputStream(), SHAPE)) {
      assertThrows(IllegalArgumentException.class,
          () -> w.write(new ViewPair(0, 0, 0, new byte[17], new byte[18])));
      w.write(new ViewPair(5, 1, 0, new byte[18], new byte[18]));
      assertThrows(IllegalArgumentException.class,
          () -> w.write(new ViewPair(6, 0, 0, new byte[18], new byte[18])));
      assertThrows(IllegalArgumentException.class,
          () -> w.write(new ViewPair(5, 1, 0, new byte[18], new byte[18])));
      w.write(new ViewPair(0, 2, 0, new byte[18], new byte[18]));
      assertEquals(2, w.count());
    }
  }

  @Test
  void emptyShardHasOnlyAHeader() throws IOException {
    Path file = writeShard(List.of());
    assertEquals(ShardFormat.HEADER_BYTES, Files.size(file));
    try (ShardReader r = ShardReader.open(file)) {
      assertFalse(r.hasNext());
    }
  }

  @Test
  void viewPairEqualityUsesPixelContents() {
    ViewPair a = new ViewPair(1, 0, 2, new byte[] {1, 2}, new byte[] {3});
    ViewPair b = new ViewPair(1, 0, 2, new byte[] {1, 2}, new byte[] {3});
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertFalse(a.equals(new ViewPair(1, 0, 2, new byte[] {1, 2}, new byte[] {4})));
    assertArrayEquals(new byte[] {3}, a.view2());
  }
}
