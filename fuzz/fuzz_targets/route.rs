//! The URL fragment (anything a link can carry, a start form's too) and the list filters typed by
//! hand: no panic, and printing what was parsed and parsing it again gives the same route.
#![no_main]

use emr_core::emr::list::FilterDraft;
use emr_core::route::Route;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let route = Route::parse(&text);
    let printed = route.to_fragment();
    assert_eq!(Route::parse(&printed), route, "{printed}");
    // A start form's link: read, written and read again, it is the same form.
    if let emr_core::route::View::Start(link) = &route.view {
        let draft = emr_core::emr::start::StartDraft::from_link(link);
        assert_eq!(emr_core::emr::start::StartDraft::from_link(&draft.to_link()), draft);
        let _ = draft.validate();
    }
    // The same bytes as each filter field, in a few time zones.
    let draft = FilterDraft { status: text.to_string(), from: text.to_string(), to: text.to_string(), editor_id: text.to_string(), cluster_id: text.to_string() };
    for offset in [-720, 0, 345, 840] {
        if let Ok(f) = draft.validate(move |_| offset) {
            let back = FilterDraft::from_filters(&f, move |_| offset);
            assert_eq!(back.validate(move |_| offset), Ok(f));
        }
    }
    let _ = emr_core::format::parse_datetime_local(&text, |ms| (ms % 1000) as i32);
});
