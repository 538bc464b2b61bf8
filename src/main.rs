fn main() {
    // Built in slices behind the static first screen, which it then replaces (see ui::boot).
    emr_console::ui::common::boot::start(emr_console::ui::App);
}
