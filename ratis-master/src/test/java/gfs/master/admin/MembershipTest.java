package gfs.master.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.proto.ErrorCode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MembershipTest {
  static final Member M1 = new Member("master-1", "127.0.0.1:7201", false);
  static final Member M2 = new Member("master-2", "127.0.0.1:7202", false);
  static final Member M3 = new Member("master-3", "127.0.0.1:7203", false);
  static final Member S1 = new Member("shadow-1", "127.0.0.1:7204", true);
  static final GroupConf GROUP = new GroupConf(List.of(M1, M2, M3), List.of(S1));

  @Test
  void addingAShadowAppendsAListener() throws Exception {
    Member s2 = new Member("shadow-2", "127.0.0.1:7205", true);
    GroupConf target = Membership.add(GROUP, s2).orElseThrow();
    assertEquals(List.of(M1, M2, M3), target.voters());
    assertEquals(List.of(S1, s2), target.listeners());
  }

  @Test
  void addingAVoterAppendsAVoterWithItsAddressNormalised() throws Exception {
    GroupConf target = Membership.add(GROUP, new Member("master-4", " 127.0.0.1:7206 ", false)).orElseThrow();
    assertEquals(new Member("master-4", "127.0.0.1:7206", false), target.voters().get(3));
  }

  @Test
  void addingTheSameMemberAgainIsNothingToDo() throws Exception {
    assertEquals(Optional.empty(), Membership.add(GROUP, S1));
  }

  @Test
  void addingAnIdOrAddressInUseIsRefusedNamingTheMember() {
    AdminRefusal sameId = assertThrows(AdminRefusal.class,
        () -> Membership.add(GROUP, new Member("master-2", "127.0.0.1:9999", false)));
    assertEquals(ErrorCode.ALREADY_EXISTS, sameId.code());
    assertTrue(sameId.getMessage().contains("master-2 (voter at 127.0.0.1:7202)"), sameId.getMessage());

    AdminRefusal sameRole = assertThrows(AdminRefusal.class,
        () -> Membership.add(GROUP, new Member("shadow-1", "127.0.0.1:7204", false)));
    assertTrue(sameRole.getMessage().contains("already a member"), sameRole.getMessage());

    AdminRefusal sameAddress = assertThrows(AdminRefusal.class,
        () -> Membership.add(GROUP, new Member("master-9", "127.0.0.1:7203", false)));
    assertTrue(sameAddress.getMessage().contains("127.0.0.1:7203 of master-9 is already used by master-3"),
        sameAddress.getMessage());
  }

  @Test
  void malformedIdsAndAddressesAreInvalidArguments() {
    AdminRefusal badId = assertThrows(AdminRefusal.class,
        () -> Membership.add(GROUP, new Member("../x", "127.0.0.1:1", false)));
    assertEquals(ErrorCode.INVALID_ARGUMENT, badId.code());
    AdminRefusal badAddress = assertThrows(AdminRefusal.class,
        () -> Membership.add(GROUP, new Member("master-4", "nohost", false)));
    assertEquals(ErrorCode.INVALID_ARGUMENT, badAddress.code());
    assertTrue(badAddress.getMessage().contains("raft address of master-4"), badAddress.getMessage());
    AdminRefusal badService = assertThrows(AdminRefusal.class,
        () -> Membership.parseServiceAddress("h:x", "master-4"));
    assertTrue(badService.getMessage().contains("service address of master-4"), badService.getMessage());
  }

  @Test
  void removingAFollowerOrAShadowLeavesTheOthers() throws Exception {
    assertEquals(new GroupConf(List.of(M1, M3), List.of(S1)), Membership.remove(GROUP, "master-2", "master-1"));
    assertEquals(new GroupConf(List.of(M1, M2, M3), List.of()), Membership.remove(GROUP, "shadow-1", "master-1"));
  }

  @Test
  void removingTheLeaderTheLastVoterOrAStrangerIsRefused() {
    AdminRefusal leader = assertThrows(AdminRefusal.class, () -> Membership.remove(GROUP, "master-1", "master-1"));
    assertTrue(leader.getMessage().contains("master-1 is the leader"), leader.getMessage());
    assertTrue(leader.getMessage().contains("transfer-leader"), leader.getMessage());

    GroupConf alone = new GroupConf(List.of(M2), List.of(S1));
    AdminRefusal last = assertThrows(AdminRefusal.class, () -> Membership.remove(alone, "master-2", ""));
    assertTrue(last.getMessage().contains("last voter"), last.getMessage());

    AdminRefusal unknown = assertThrows(AdminRefusal.class, () -> Membership.remove(GROUP, "master-7", "master-1"));
    assertEquals(ErrorCode.INVALID_ARGUMENT, unknown.code());
    assertEquals("no master master-7 in the group (members: master-1, master-2, master-3, shadow-1 (shadow))",
        unknown.getMessage());
  }

  @Test
  void leadershipGoesOnlyToAnotherVoter() throws Exception {
    assertTrue(Membership.transferNeeded(GROUP, "master-2", "master-1"));
    assertFalse(Membership.transferNeeded(GROUP, "master-1", "master-1"));
    AdminRefusal shadow = assertThrows(AdminRefusal.class, () -> Membership.transferNeeded(GROUP, "shadow-1", "master-1"));
    assertTrue(shadow.getMessage().contains("read-only shadow"), shadow.getMessage());
    AdminRefusal unknown = assertThrows(AdminRefusal.class, () -> Membership.transferNeeded(GROUP, "master-9", "master-1"));
    assertTrue(unknown.getMessage().startsWith("no master master-9 in the group"), unknown.getMessage());
  }
}
