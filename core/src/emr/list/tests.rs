use super::*;
use crate::emr::model::{ExecutionStatus, NotebookExecutionSummary, Timestamp};
use crate::emr::operations::{list_request, parse_list, ListNotebookExecutionsOutput};
use crate::emr::status::Family;

fn summary(id: &str, status: &str, start_s: f64, end_s: Option<f64>) -> NotebookExecutionSummary {
    NotebookExecutionSummary {
        notebook_execution_id: Some(id.into()),
        notebook_execution_name: Some(format!("name-{id}")),
        status: Some(ExecutionStatus::parse(status)),
        start_time: Some(Timestamp::from_epoch_seconds(start_s)),
        end_time: end_s.map(Timestamp::from_epoch_seconds),
        editor_id: Some("e-EDITOR".into()),
        execution_engine_id: Some("j-CLUSTER".into()),
        ..Default::default()
    }
}

fn page(rows: Vec<NotebookExecutionSummary>, marker: Option<&str>) -> ListNotebookExecutionsOutput {
    ListNotebookExecutionsOutput {
        notebook_executions: rows,
        marker: marker.map(str::to_string),
    }
}

#[test]
fn filters_become_the_request_and_empty_ones_are_not_sent() {
    assert_eq!(list_request(&ListFilters::default().input(None)).body, "{}");
    let f = ListFilters {
        status: Some(ExecutionStatus::Failed),
        from: Some(1_764_547_200),
        to: Some(1_764_633_600),
        editor_id: " e-ABC ".into(),
        cluster_id: "j-XYZ".into(),
    };
    assert_eq!(
        list_request(&f.input(Some("m1.abc"))).body,
        r#"{"EditorId":"e-ABC","Status":"FAILED","From":1764547200,"To":1764633600,"Marker":"m1.abc","ExecutionEngineId":"j-XYZ"}"#
    );
    let blank = ListFilters {
        editor_id: "  ".into(),
        ..Default::default()
    };
    assert_eq!(list_request(&blank.input(None)).body, "{}");
    assert!(blank.uses_default_window());
    assert!(!f.uses_default_window());
}

#[test]
fn the_draft_reads_local_times_as_integer_seconds() {
    let draft = FilterDraft {
        status: "RUNNING".into(),
        from: "2025-12-01T01:00".into(),
        to: "2025-12-02T01:00:30".into(),
        editor_id: " e-1 ".into(),
        cluster_id: String::new(),
    };
    let f = draft.validate(|_| 60).unwrap();
    assert_eq!(f.from, Some(1_764_547_200));
    assert_eq!(f.to, Some(1_764_633_630));
    assert_eq!(f.status, Some(ExecutionStatus::Running));
    assert_eq!(f.editor_id, "e-1");
    let back = FilterDraft::from_filters(&f, |_| 60);
    assert_eq!(back.from, "2025-12-01T01:00");
    assert_eq!(back.to, "2025-12-02T01:00:30");
    assert_eq!(back.validate(|_| 60).unwrap(), f);
    assert_eq!(
        FilterDraft::default().validate(|_| 0).unwrap(),
        ListFilters::default()
    );
}

#[test]
fn bad_filters_are_all_reported() {
    let draft = FilterDraft {
        status: "SLEEPING".into(),
        from: "2025-12-02T00:00".into(),
        to: "2025-12-01T00:00".into(),
        editor_id: "e".repeat(257),
        cluster_id: "j-1\t2".into(),
    };
    let problems = draft.validate(|_| 0).unwrap_err();
    let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        [
            FilterField::Status,
            FilterField::To,
            FilterField::EditorId,
            FilterField::ClusterId
        ]
    );
    assert!(problems[1].message.contains("before From"));
    let bad_time = FilterDraft {
        from: "yesterday".into(),
        ..Default::default()
    };
    assert_eq!(
        bad_time.validate(|_| 0).unwrap_err()[0].field,
        FilterField::From
    );
}

#[test]
fn summaries_parse_with_fractional_and_integer_times_unknown_statuses_and_missing_members() {
    let out = parse_list(
        br#"{"NotebookExecutions":[
            {"NotebookExecutionId":"ex-1","Status":"FINISHED","StartTime":1593490857.009,"EndTime":1593490900},
            {"NotebookExecutionId":"ex-2","Status":"HIBERNATING","StartTime":1593490857},
            {"NotebookExecutionId":"ex-3"},
            {"Status":"RUNNING"}
        ],"Brand":"new"}"#,
    )
    .unwrap();
    let l = Listing::from_first_page(out);
    assert_eq!(l.len(), 3);
    assert_eq!(l.skipped, 1);
    assert!(!l.has_more());
    let r = l.get("ex-1").unwrap();
    assert_eq!(r.start_ms(), Some(1_593_490_857_009));
    assert_eq!(r.duration_ms(0), Some(42_991));
    let r = l.get("ex-2").unwrap();
    assert_eq!(r.family(), Family::Other);
    assert_eq!(
        r.status(),
        Some(&ExecutionStatus::Unknown("HIBERNATING".into()))
    );
    let r = l.get("ex-3").unwrap();
    assert_eq!(
        (r.title(), r.start_ms(), r.duration_ms(5), r.family()),
        ("ex-3", None, None, Family::Other)
    );
    assert!(parse_list(br#"{"NotebookExecutions":{}}"#).is_err());
    assert_eq!(parse_list(b"{}").unwrap().notebook_executions.len(), 0);
}

#[test]
fn pages_append_without_duplicates_until_the_last() {
    let mut l = Listing::from_first_page(page(
        vec![
            summary("a", "RUNNING", 30.0, None),
            summary("b", "FINISHED", 20.0, Some(25.0)),
        ],
        Some("m1"),
    ));
    assert!(l.has_more());
    // The next page repeats "b" (it moved while we paged) with a newer status.
    let added = l.append(page(
        vec![
            summary("b", "FINISHED", 20.0, Some(26.0)),
            summary("c", "FAILED", 10.0, Some(12.0)),
        ],
        None,
    ));
    assert_eq!(added, 1);
    assert_eq!(l.len(), 3);
    assert_eq!(l.pages, 2);
    assert!(!l.has_more());
    assert_eq!(l.get("b").unwrap().end_ms(), Some(26_000));
    let ids: Vec<_> = l.rows().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    // An empty marker means no more pages.
    let mut l = Listing::from_first_page(page(vec![], Some("")));
    assert!(!l.has_more() && l.is_empty());
    l.append(page(vec![summary("x", "FINISHED", 1.0, Some(2.0))], None));
    assert_eq!(l.len(), 1);
}

#[test]
fn a_refresh_updates_in_place_and_adds_new_rows_on_top() {
    let mut l = Listing::from_first_page(page(
        vec![
            summary("b", "RUNNING", 20.0, None),
            summary("a", "RUNNING", 10.0, None),
        ],
        Some("m1"),
    ));
    l.append(page(vec![summary("z", "FINISHED", 1.0, Some(2.0))], None));
    let o = l.merge_refresh(page(
        vec![
            summary("d", "STARTING", 40.0, None),
            summary("c", "RUNNING", 30.0, None),
            summary("b", "FINISHED", 20.0, Some(35.0)),
            summary("a", "RUNNING", 10.0, None),
        ],
        Some("m-new"),
    ));
    assert_eq!(
        o,
        RefreshOutcome {
            updated: 1,
            added: 2,
            gap: false
        }
    );
    let ids: Vec<_> = l.rows().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["d", "c", "b", "a", "z"]);
    assert_eq!(
        l.get("b").unwrap().status(),
        Some(&ExecutionStatus::Finished)
    );
    assert_eq!(l.get("z").unwrap().id, "z", "the index follows the move");
    assert_eq!(l.pages, 2, "loaded pages stay");
    assert!(!l.has_more(), "the marker of the deepest page stays");
    // A refresh whose every row is new, with more behind it, may leave a gap.
    let o = l.merge_refresh(page(vec![summary("e", "STARTING", 50.0, None)], Some("m")));
    assert!(o.gap);
    let o = l.merge_refresh(page(vec![summary("e", "STARTING", 50.0, None)], None));
    assert_eq!(o, RefreshOutcome::default());
}

#[test]
fn counts_by_family() {
    let l = Listing::from_first_page(page(
        vec![
            summary("a", "RUNNING", 1.0, None),
            summary("b", "STOP_PENDING", 1.0, None),
            summary("c", "FAILED", 1.0, Some(2.0)),
            summary("d", "FINISHED", 1.0, Some(2.0)),
            summary("e", "FINISHED", 1.0, Some(2.0)),
        ],
        None,
    ));
    let c = l.counts();
    assert_eq!(c.text(), "2 running · 1 failed · 2 finished");
    assert_eq!(c.get(Family::Stopped), 0);
    assert!(l.any_active());
    assert_eq!(Counts::default().text(), "");
}

fn ids(l: &Listing, q: &ViewQuery, now: i64) -> Vec<String> {
    l.view(q, now)
        .into_iter()
        .map(|i| l.rows()[i].id.clone())
        .collect()
}

#[test]
fn sorting_and_searching_the_loaded_rows() {
    let mut rows = vec![
        summary("ex-A", "FINISHED", 100.0, Some(400.0)),
        summary("ex-B", "RUNNING", 300.0, None),
        summary("ex-C", "FAILED", 200.0, Some(210.0)),
        NotebookExecutionSummary {
            notebook_execution_id: Some("ex-D".into()),
            ..Default::default()
        },
    ];
    rows[0].notebook_execution_name = Some("Zeta report".into());
    rows[1].notebook_execution_name = Some("alpha".into());
    rows[2].editor_id = Some("e-SPECIAL".into());
    let l = Listing::from_first_page(page(rows, None));
    let now = 1_000_000;
    let q = |key, descending| ViewQuery {
        sort: Sort { key, descending },
        ..Default::default()
    };
    assert_eq!(
        ids(&l, &ViewQuery::default(), now),
        ["ex-B", "ex-C", "ex-A", "ex-D"]
    );
    assert_eq!(
        ids(&l, &q(SortKey::Start, false), now),
        ["ex-A", "ex-C", "ex-B", "ex-D"]
    );
    // ex-B runs for now − start; missing values always last.
    assert_eq!(
        ids(&l, &q(SortKey::Duration, true), now),
        ["ex-B", "ex-A", "ex-C", "ex-D"]
    );
    assert_eq!(
        ids(&l, &q(SortKey::Duration, false), now),
        ["ex-C", "ex-A", "ex-B", "ex-D"]
    );
    // Names case-insensitively; "ex-d" stands in for a missing name.
    assert_eq!(
        ids(&l, &q(SortKey::Name, false), now),
        ["ex-B", "ex-D", "ex-C", "ex-A"]
    );
    assert_eq!(
        ids(&l, &q(SortKey::Status, false), now),
        ["ex-B", "ex-A", "ex-C", "ex-D"]
    );
    let search = |s: &str| ViewQuery {
        search: s.into(),
        ..Default::default()
    };
    assert_eq!(ids(&l, &search("ZETA"), now), ["ex-A"]);
    assert_eq!(ids(&l, &search(" special "), now), ["ex-C"]);
    assert_eq!(ids(&l, &search("j-cluster"), now).len(), 3);
    assert_eq!(ids(&l, &search("ex-d"), now), ["ex-D"]);
    assert!(ids(&l, &search("nothing"), now).is_empty());
    let failed = ViewQuery {
        family: Some(Family::Failed),
        ..Default::default()
    };
    assert_eq!(ids(&l, &failed, now), ["ex-C"]);
}

#[test]
fn sort_ids_and_toggling() {
    for key in SortKey::ALL {
        for descending in [false, true] {
            let s = Sort { key, descending };
            assert_eq!(Sort::parse(&s.id()), Some(s));
        }
    }
    assert_eq!(Sort::parse("-bogus"), None);
    assert_eq!(Sort::default().id(), "-start");
    let s = Sort::default().toggled(SortKey::Start);
    assert!(!s.descending);
    let s = s.toggled(SortKey::Name);
    assert_eq!(
        s,
        Sort {
            key: SortKey::Name,
            descending: false
        }
    );
    assert!(s.toggled(SortKey::Duration).descending);
}

#[test]
fn loaded_texts() {
    assert_eq!(
        loaded_text(50, 50, true, false),
        "50 executions loaded; EMR has more."
    );
    assert_eq!(loaded_text(1, 1, false, false), "All 1 execution loaded.");
    assert_eq!(loaded_text(0, 0, false, false), "No executions loaded.");
    assert_eq!(
        loaded_text(94, 3, false, true),
        "Showing 3 of them. All 94 executions loaded."
    );
}

#[test]
fn updates_from_a_describe() {
    let mut l = Listing::from_first_page(page(vec![summary("a", "RUNNING", 1.0, None)], None));
    assert!(l.update(summary("a", "STOPPING", 1.0, None)));
    assert_eq!(
        l.get("a").unwrap().status(),
        Some(&ExecutionStatus::Stopping)
    );
    assert!(!l.update(summary("b", "STOPPING", 1.0, None)));
}
