fn main() {
    leptos::mount::mount_to_body(emr_console::ui::App);
}
