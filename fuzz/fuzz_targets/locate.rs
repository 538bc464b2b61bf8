//! What the Notebook execution ID field takes: IDs, execution ARNs and links to this console. No
//! panic; an accepted ARN's region is in its partition; the id is what validation accepts.
#![no_main]

use emr_core::emr::locate::{locate, Source};
use emr_core::emr::model::NotebookExecutionId;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match locate(&text) {
        Ok(l) => {
            assert_eq!(NotebookExecutionId::parse(l.id.as_str()).as_ref(), Ok(&l.id));
            if l.source == Source::Id {
                assert!(l.region.is_none());
            }
            if let (Source::Arn, Some(r)) = (l.source, &l.region) {
                assert!(text.contains(&format!(":{}:", r.partition().id())) || text.contains(&format!("arn:{}:", r.partition().id())));
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
