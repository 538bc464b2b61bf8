fn main() {
    // The static first screen (index.html's #boot) goes in the same task the app mounts in: no
    // frame shows neither.
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(emr_console::ui::App);
}
