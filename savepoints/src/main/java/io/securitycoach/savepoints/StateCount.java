package io.securitycoach.savepoints;

/** How many entries (or keys) one keyed state of one operator holds for one org. */
public class StateCount {
    public String operatorUid;
    public String state;
    public String orgId;
    public long count;

    public StateCount() {}

    static StateCount of(String operatorUid, StateCell cell) {
        StateCount c = new StateCount();
        c.operatorUid = operatorUid;
        c.state = cell.state;
        c.orgId = OrgKeys.org(cell.key);
        c.count = 1;
        return c;
    }

    String group() {
        return operatorUid + OrgKeys.SEP + state + OrgKeys.SEP + orgId;
    }
}
