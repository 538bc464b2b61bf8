//! The response parsers: Describe and List outputs (and what the view derives from a record),
//! ListClusters and DescribeCluster (and the start form's cluster checks).
#![no_main]

use emr_core::aws::region::Region;
use emr_core::emr::links::{emr_cluster_url, s3_console_url, S3Uri};
use emr_core::emr::operations::{parse_describe, parse_list};
use emr_core::emr::list::{Listing, Sort, SortKey, ViewQuery};
use emr_core::emr::timeline::{percent, Item, Layout};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // ListClusters / DescribeCluster (the start form's cluster field) and the checks on them.
    if let Ok(page) = emr_core::emr::cluster::parse_list(data) {
        let _ = page.clusters.iter().filter_map(|c| c.status.as_ref()?.state.as_ref()).map(|s| s.is_ended()).count();
    }
    if let Ok(c) = emr_core::emr::cluster::parse_describe(data) {
        for role in ["", "arn:aws:iam::111122223333:role/x"] {
            let _ = emr_core::emr::cluster::check(&c, role);
        }
    }
    if let Ok(page) = parse_list(data) {
        // Whatever EMR sends, the list merges, counts, sorts, searches and draws it.
        let mut listing = Listing::from_first_page(page.clone());
        listing.append(page.clone());
        listing.merge_refresh(page);
        let _ = listing.counts().text();
        for key in SortKey::ALL {
            for descending in [false, true] {
                let q = ViewQuery { sort: Sort { key, descending }, search: "a".into(), family: None };
                let shown = listing.view(&q, 1_764_000_000_000);
                let items = shown.iter().map(|&i| {
                    let r = &listing.rows()[i];
                    Item { row: i, start: r.start_ms(), end: r.end_ms(), terminal: r.is_terminal() }
                });
                let layout = Layout::new(items, 1_764_000_000_000, |_| 60);
                for b in &layout.bars {
                    let _ = percent(layout.x(b.start));
                }
            }
        }
    }
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
