//! The credential parser (every paste format), form validation and expiry: no panic on any input.
#![no_main]

use emr_core::connection::ConnectionForm;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = emr_core::aws::paste::parse(&text);
    let _ = emr_core::format::parse_iso8601(&text);
    let mut form = ConnectionForm { region: "us-east-1".into(), execution_id: "ex-1".into(), ..Default::default() };
    if form.apply_paste(&text).is_ok() {
        let _ = form.validate(1_764_000_000_000);
        let _ = form.expiry(1_764_000_000_000);
    }
    // The same bytes as each single field.
    let _ = emr_core::aws::credentials::Credentials::new(&text, &text, &text);
    let _ = emr_core::aws::endpoint::parse_override(&text);
    let _ = emr_core::aws::region::Region::parse(&text);
});
