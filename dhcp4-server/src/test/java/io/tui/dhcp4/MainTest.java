package io.tui.dhcp4;

import io.tui.dhcp.core.cli.LauncherContract;
import io.tui.dhcp.core.config.model.Family;
import java.io.PrintStream;

/** tui-dhcp4 keeps the launcher contract both servers share: Kea's kea-dhcp4 command line. */
class MainTest extends LauncherContract {
    @Override
    protected int main(String[] args, PrintStream out, PrintStream err) {
        return Main.run(args, out, err);
    }

    @Override
    protected Family family() {
        return Family.V4;
    }

}
