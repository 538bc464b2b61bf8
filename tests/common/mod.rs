//! Shared helpers for the browser suites: mounting, DOM queries, fixtures.
#![allow(dead_code)]

use std::collections::BTreeMap;

use emr_core::emr::model::{
    ExecutionEngineConfig, ExecutionStatus, NotebookExecution, S3Location, Tag, Timestamp,
};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// us-east-1 on AWS's own endpoint: where the fixtures were fetched from.
pub fn aws_origin() -> emr_console::console::Origin {
    let region = emr_core::aws::region::Region::parse("us-east-1").unwrap();
    let endpoint = emr_core::aws::endpoint::aws_endpoint(&region, Default::default()).unwrap();
    emr_console::console::Origin {
        region,
        endpoint,
        endpoint_override: None,
    }
}

/// The console a view reads from context: an empty connection form, `route`, the page clock at
/// `now` and a visible tab.
pub fn provide_console(route: emr_core::route::Route, now: i64) {
    provide_context(emr_console::console::Console::new(
        emr_core::connection::ConnectionForm::default(),
        false,
        route,
        RwSignal::new(now).into(),
    ));
}

/// The emulator the test script starts for the browser suites.
pub const ENDPOINT: &str = match option_env!("EMR_TEST_ENDPOINT") {
    Some(e) => e,
    None => "http://127.0.0.1:9177",
};

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts `f` into a fresh container appended to the body; the container is returned.
pub fn mount<F, N>(f: F) -> HtmlElement
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    leptos::mount::mount_to(container.clone(), f).forget();
    container
}

pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

pub fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

pub fn text(e: &Element) -> String {
    e.text_content().unwrap_or_default()
}

/// The `<dd>` next to the `<dt>` with this label.
pub fn field(root: &Element, label: &str) -> Element {
    all(root, ".row")
        .into_iter()
        .find(|row| text(&one(row, "dt")) == label)
        .map(|row| one(&row, "dd"))
        .unwrap_or_else(|| panic!("no field labelled {label}"))
}

/// Forgets what earlier tests left in the shared page: the URL fragment and session storage.
pub fn reset_page() {
    let w = web_sys::window().unwrap();
    let path = w.location().pathname().unwrap();
    w.history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
    w.session_storage().unwrap().unwrap().clear().unwrap();
}

pub async fn settle() {
    leptos::task::tick().await;
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
    leptos::task::tick().await;
}

/// Waits (up to `ms`) until `cond` holds.
pub async fn wait_for(ms: u32, mut cond: impl FnMut() -> bool) -> bool {
    let mut waited = 0;
    while waited < ms {
        if cond() {
            return true;
        }
        let p = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 25)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
        waited += 25;
    }
    cond()
}

pub const START: i64 = 1_764_000_000_250;

pub fn minimal(status: ExecutionStatus) -> NotebookExecution {
    NotebookExecution {
        notebook_execution_id: Some("ex-J02QDLG4TWXSNWLO4OGZ9NNX609MV".into()),
        status: Some(status),
        ..Default::default()
    }
}

pub fn full() -> NotebookExecution {
    NotebookExecution {
        notebook_execution_id: Some("ex-J02QDLG4TWXSNWLO4OGZ9NNX609MV".into()),
        editor_id: Some("e-C9ZY9CMD24CCF4F2B4UZ7D7MA".into()),
        execution_engine: Some(ExecutionEngineConfig {
            id: "j-142PVKGDZTTXS".into(),
            engine_type: Some("EMR".into()),
            master_instance_security_group_id: Some("sg-066e6805267d1d69c".into()),
            execution_role_arn: Some("arn:aws:iam::111122223333:role/ExecRole".into()),
        }),
        notebook_execution_name: Some("demo-execution".into()),
        notebook_params: Some(r#"{"FROM_DATE":"2015-08-27","n":[1,2]}"#.into()),
        status: Some(ExecutionStatus::Finished),
        start_time: Some(Timestamp(START)),
        end_time: Some(Timestamp(START + 123_456)),
        arn: Some("arn:aws:elasticmapreduce:us-east-1:111122223333:notebook-execution/ex-J02QDLG4TWXSNWLO4OGZ9NNX609MV".into()),
        output_notebook_uri: Some("s3://studio-bucket/notebook/e-1/executions/ex-1/find best.ipynb".into()),
        last_state_change_reason: Some("Execution is finished for cluster j-142PVKGDZTTXS.".into()),
        notebook_instance_security_group_id: Some("sg-05e5e70bcaa4a624f".into()),
        tags: Some(vec![Tag { key: "team".into(), value: Some("data".into()) }]),
        notebook_s3_location: Some(S3Location { bucket: Some("studio-bucket".into()), key: Some("notebooks/find best.ipynb".into()) }),
        output_notebook_s3_location: Some(S3Location { bucket: Some("studio-bucket".into()), key: Some("out/".into()) }),
        output_notebook_format: Some("HTML".into()),
        environment_variables: Some(BTreeMap::from([("SPARK_ENV".to_string(), "prod".to_string())])),
    }
}

/// Script-like text in every string member.
pub fn hostile() -> NotebookExecution {
    let s = |tag: &str| {
        format!("<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\"> {tag} \"'><svg onload=window.__xss=3>")
    };
    NotebookExecution {
        notebook_execution_id: Some(s("id")),
        editor_id: Some(s("editor")),
        execution_engine: Some(ExecutionEngineConfig {
            id: s("cluster"),
            engine_type: Some(s("type")),
            master_instance_security_group_id: Some(s("msg")),
            execution_role_arn: Some(s("role")),
        }),
        notebook_execution_name: Some(s("name")),
        notebook_params: Some(s("params")),
        status: Some(ExecutionStatus::Unknown(s("status"))),
        start_time: Some(Timestamp(START)),
        end_time: None,
        arn: Some(s("arn")),
        output_notebook_uri: Some("javascript:window.__xss=4".into()),
        last_state_change_reason: Some(s("reason")),
        notebook_instance_security_group_id: Some(s("sg")),
        tags: Some(vec![Tag {
            key: s("k"),
            value: Some(s("v")),
        }]),
        notebook_s3_location: Some(S3Location {
            bucket: Some(s("bucket")),
            key: Some(s("key")),
        }),
        output_notebook_s3_location: Some(S3Location {
            bucket: Some("ok-bucket".into()),
            key: Some(s("key")),
        }),
        output_notebook_format: Some(s("format")),
        environment_variables: Some(BTreeMap::from([(s("ek"), s("ev"))])),
    }
}
