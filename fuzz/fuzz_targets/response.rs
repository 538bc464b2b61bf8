//! The response parser: Describe and List outputs, and what the view derives from a record.
#![no_main]

use emr_core::aws::region::Region;
use emr_core::emr::links::{emr_cluster_url, s3_console_url, S3Uri};
use emr_core::emr::operations::{parse_describe, parse_list};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = parse_list(data);
    let Ok(e) = parse_describe(data) else { return };
    let region = Region::parse("us-east-1").expect("valid region");
    if let Some(s) = &e.status {
        let _ = (s.label(), s.tone(), s.is_terminal());
    }
    if let Some(p) = &e.notebook_params {
        let _ = emr_core::format::pretty_json(p);
    }
    if let Some(uri) = e.output_notebook_uri.as_deref().and_then(S3Uri::parse) {
        let _ = s3_console_url(&uri, &region);
    }
    if let Some(engine) = &e.execution_engine {
        let _ = emr_cluster_url(&engine.id, &region);
    }
    for t in [e.start_time, e.end_time].into_iter().flatten() {
        let _ = emr_core::format::iso_utc(t.millis());
        let _ = emr_core::format::local_display(t.millis(), -570);
        let _ = emr_core::format::relative(t.millis(), 1_764_000_000_000);
    }
    if let (Some(s), Some(end)) = (e.start_time, e.end_time) {
        let _ = emr_core::format::duration(end.millis().saturating_sub(s.millis()));
    }
    let _ = emr_core::format::pretty_json(&String::from_utf8_lossy(data));
});
