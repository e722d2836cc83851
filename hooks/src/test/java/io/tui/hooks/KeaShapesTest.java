package io.tui.hooks;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The shape checker itself: it accepts Kea's own examples and catches the mistakes it is there to catch. */
class KeaShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode parse(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    @Test
    void keaExamplesPass() {
        assumeTrue(KeaShapes.api() != null, "Kea reference absent");
        for (String c : new String[] {"lease4-get", "lease4-get-all", "lease6-get-all", "lease4-get-page",
            "stat-lease4-get", "stat-lease6-get", "lease6-bulk-apply"}) {
            ObjectNode ex = KeaShapes.reference(c).deepCopy();
            assertTrue(ex.isObject(), c);
            KeaShapes.check(c, ex);
        }
    }

    @Test
    void wrongShapesFail() throws Exception {
        assumeTrue(KeaShapes.api() != null, "Kea reference absent");
        String lease = "\"cltt\": 1, \"fqdn-fwd\": false, \"fqdn-rev\": false, \"hostname\": \"\", "
                + "\"hw-address\": \"01:02\", \"ip-address\": \"192.0.2.1\", \"state\": 0, \"subnet-id\": 1, "
                + "\"valid-lft\": 4000";
        KeaShapes.check("lease4-get", parse("{\"arguments\": {" + lease + "}, \"result\": 0, \"text\": \"x\"}"));
        // an empty map rendered as a list
        assertThrows(AssertionError.class, () -> KeaShapes.check("lease4-get",
                parse("{\"arguments\": [], \"result\": 0, \"text\": \"x\"}")));
        // an integer rendered as a string
        assertThrows(AssertionError.class, () -> KeaShapes.check("lease4-get",
                parse("{\"arguments\": {" + lease.replace("\"cltt\": 1", "\"cltt\": \"1\"")
                        + "}, \"result\": 0, \"text\": \"x\"}")));
        // a member Kea never prints
        assertThrows(AssertionError.class, () -> KeaShapes.check("lease4-get",
                parse("{\"arguments\": {" + lease + ", \"expire\": 5}, \"result\": 0, \"text\": \"x\"}")));
        // a success without a member Kea always prints
        assertThrows(AssertionError.class, () -> KeaShapes.check("lease4-get",
                parse("{\"arguments\": {" + lease.replace("\"state\": 0, ", "")
                        + "}, \"result\": 0, \"text\": \"x\"}")));
        // lease6-get answers the lease itself, not a list
        assertThrows(AssertionError.class, () -> KeaShapes.check("lease6-get",
                parse("{\"arguments\": {\"leases\": []}, \"result\": 0, \"text\": \"x\"}")));
        assertThrows(AssertionError.class, () -> KeaShapes.check("lease4-add",
                parse("{\"result\": \"0\", \"text\": \"x\"}")));
    }
}
