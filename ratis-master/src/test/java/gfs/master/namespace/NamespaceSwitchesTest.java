package gfs.master.namespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.proto.AddChunkOp;
import gfs.proto.BalancerOp;
import gfs.proto.BumpVersionOp;
import gfs.proto.CreateOp;
import gfs.proto.DecommissionOp;
import gfs.proto.DeleteOp;
import gfs.proto.Error;
import gfs.proto.ErrorCode;
import gfs.proto.MkdirOp;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
import gfs.proto.PurgeOp;
import gfs.proto.RenameOp;
import gfs.proto.SafeModeOp;
import gfs.proto.SetReplicationOp;
import gfs.proto.SnapshotOp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Safe mode and the balancer switch are replicated state; safe mode holds mutations back. */
class NamespaceSwitchesTest {
  @TempDir Path dir;
  NamespaceFixture fx;

  @BeforeEach
  void open() throws Exception {
    fx = new NamespaceFixture(dir);
    assertFalse(fx.apply(Operation.newBuilder().setCreate(CreateOp.newBuilder().setPath("/d/f")
        .setReplication(3).setCreateParents(true))).hasError());
    assertFalse(fx.apply(Operation.newBuilder().setAddChunk(AddChunkOp.newBuilder().setPath("/d/f"))).hasError());
  }

  @AfterEach
  void close() {
    fx.close();
  }

  private static Operation.Builder safeMode(boolean on) {
    return Operation.newBuilder().setSafeMode(SafeModeOp.newBuilder().setOn(on));
  }

  private static List<Operation.Builder> heldBack() {
    return List.of(
        Operation.newBuilder().setMkdir(MkdirOp.newBuilder().setPath("/new")),
        Operation.newBuilder().setCreate(CreateOp.newBuilder().setPath("/d/g").setReplication(3)),
        Operation.newBuilder().setDelete(DeleteOp.newBuilder().setPath("/d/f")),
        Operation.newBuilder().setRename(RenameOp.newBuilder().setSource("/d/f").setDestination("/d/h")),
        Operation.newBuilder().setAddChunk(AddChunkOp.newBuilder().setPath("/d/f").setChunkIndex(1)),
        Operation.newBuilder().setBumpVersion(BumpVersionOp.newBuilder().setHandle(1).setNewVersion(2)),
        Operation.newBuilder().setSetReplication(SetReplicationOp.newBuilder().setPath("/d/f").setReplication(2)),
        Operation.newBuilder().setSnapshot(SnapshotOp.newBuilder().setSource("/d").setDestination("/s")),
        Operation.newBuilder().setPurge(PurgeOp.newBuilder().addPaths("/.trash/x")));
  }

  @Test
  void safeModeIsOffUntilEnteredAndRecordsWhenItChanged() {
    assertFalse(fx.read(fx.namespace::safeMode).on());
    assertEquals(0, fx.read(fx.namespace::safeMode).changedAtMs());
    assertFalse(fx.apply(safeMode(true)).hasError());
    Switches.State on = fx.read(fx.namespace::safeMode);
    assertTrue(on.on());
    assertTrue(on.changedAtMs() > 0, "the operation's timestamp is kept");
    assertFalse(fx.apply(safeMode(false)).hasError());
    assertFalse(fx.read(fx.namespace::safeMode).on());
    assertTrue(fx.read(fx.namespace::safeMode).changedAtMs() > on.changedAtMs());
  }

  @Test
  void inSafeModeEveryMutationIsRefusedWithOneLineSayingHowToLeave() {
    assertFalse(fx.apply(safeMode(true)).hasError());
    for (Operation.Builder op : heldBack()) {
      Error checked = fx.check(op.clone());
      assertEquals(ErrorCode.SAFE_MODE, checked.getCode(), op.getOpCase() + ": " + checked);
      assertTrue(checked.getMessage().contains("gfs admin safemode leave"), checked.getMessage());
      assertFalse(checked.getMessage().contains("\n"), checked.getMessage());
      OperationResult applied = fx.apply(op.clone());
      assertEquals(ErrorCode.SAFE_MODE, applied.getError().getCode(), "apply refuses too: " + op.getOpCase());
    }
    assertEquals("cannot mkdir /new: the master is in safe mode (reads only); an administrator leaves it"
        + " with 'gfs admin safemode leave'", fx.check(heldBack().get(0)).getMessage());
    assertNull(fx.lookup("/new"));
    assertEquals(3, fx.lookup("/d/f").getReplication(), "nothing changed");
    assertEquals(1, fx.lookup("/d/f").getChunksCount());
  }

  @Test
  void switchesAndDecommissionsGoOnInSafeMode() {
    assertFalse(fx.apply(safeMode(true)).hasError());
    assertFalse(fx.apply(Operation.newBuilder().setDecommission(DecommissionOp.newBuilder()
        .setChunkserverId("cs-1").setDecommission(true))).hasError());
    assertFalse(fx.apply(Operation.newBuilder().setBalancer(BalancerOp.newBuilder().setOn(false))).hasError());
    assertFalse(fx.apply(safeMode(true)).hasError(), "entering twice is the same");
    assertFalse(fx.apply(safeMode(false)).hasError());
    assertFalse(fx.apply(Operation.newBuilder().setMkdir(MkdirOp.newBuilder().setPath("/new"))).hasError());
    assertTrue(fx.lookup("/new") != null);
  }

  @Test
  void anOperationLaterInTheSameLogEntryIsCheckedAgainstTheNewSetting() {
    // Checked (and admitted) before safe mode was entered, applied after: refused on every peer alike.
    Operation.Builder mkdir = Operation.newBuilder().setMkdir(MkdirOp.newBuilder().setPath("/late"));
    assertNull(fx.check(mkdir.clone()));
    OperationResult[] results = fx.applyEach(List.of(safeMode(true), mkdir));
    assertFalse(results[0].hasError());
    assertEquals(ErrorCode.SAFE_MODE, results[1].getError().getCode());
    assertNull(fx.lookup("/late"));
  }

  @Test
  void theBalancerIsOnUntilStopped() {
    assertTrue(fx.read(fx.namespace::balancer).on());
    assertFalse(fx.apply(Operation.newBuilder().setBalancer(BalancerOp.newBuilder().setOn(false))).hasError());
    assertFalse(fx.read(fx.namespace::balancer).on());
    assertTrue(fx.read(fx.namespace::balancer).changedAtMs() > 0);
    assertFalse(fx.apply(Operation.newBuilder().setBalancer(BalancerOp.newBuilder().setOn(true))).hasError());
    assertTrue(fx.read(fx.namespace::balancer).on());
    // The switches live in the meta table beside the decommissions: neither is mistaken for the other.
    assertEquals(java.util.Set.of(), fx.read(fx.namespace::decommissioning));
  }
}
