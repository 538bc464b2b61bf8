//! An `.ipynb` drawn by the page itself: every cell with its prompt and source, outputs by kind.
//! Everything is text: markup, links and scripts in a notebook stay inert. Long notebooks render
//! a batch of cells per frame, and a huge output shows its start with a way to see all of it.

use std::sync::Arc;

use emr_core::notebook::ansi::spans;
use emr_core::notebook::model::{Cell, CellKind, Item, Notebook, Output};
use leptos::prelude::*;

/// Cells drawn in the first frame, then per frame after it.
const FIRST: usize = 40;
const BATCH: usize = 120;
/// An output longer than this shows its start and a "Show all" button.
const TRUNCATE_AT: usize = 20_000;

/// Text with ANSI colours as classes (raw escapes never reach the page).
fn ansi_text(text: &str) -> AnyView {
    spans(text)
        .into_iter()
        .map(|s| {
            let class = s.style.classes();
            if class.is_empty() {
                s.text.into_any()
            } else {
                view! { <span class=class>{s.text}</span> }.into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// A long text: its start, and a button for the rest.
#[component]
pub fn LongText(text: String, class: &'static str, #[prop(optional)] ansi: bool) -> AnyView {
    let total = text.chars().count();
    if total <= TRUNCATE_AT {
        let body = if ansi {
            ansi_text(&text)
        } else {
            text.into_any()
        };
        return view! { <pre class=class>{body}</pre> }.into_any();
    }
    let all = RwSignal::new(false);
    let cut: String = text.chars().take(TRUNCATE_AT).collect();
    let text = Arc::new(text);
    view! {
        <pre class=class>
            {move || {
                let shown: &str = if all.get() { &text } else { &cut };
                if ansi { ansi_text(shown) } else { shown.to_string().into_any() }
            }}
        </pre>
        {move || (!all.get()).then(|| view! {
            <p class="nb-truncated">
                {format!("Showing the first {TRUNCATE_AT} of {total} characters. ")}
                <button type="button" class="link-button" on:click=move |_| all.set(true)>{format!("Show all {total} characters")}</button>
            </p>
        })}
    }
    .into_any()
}

fn item(item: Item, cell: usize, n: usize) -> AnyView {
    match item {
        Item::Plain(t) => view! { <LongText text=t class="nb-output" ansi=true/> }.into_any(),
        Item::Image { mime, base64 } => {
            let src = format!("data:{mime};base64,{base64}");
            view! { <img class="nb-image" src=src alt=format!("Image output {n} of cell {}", cell + 1)/> }.into_any()
        }
        Item::Html(h) => view! {
            <details class="nb-html">
                <summary>"HTML output (shown as source; nothing in it runs)"</summary>
                <LongText text=h class="nb-output"/>
            </details>
        }
        .into_any(),
        Item::Markdown(m) => view! { <LongText text=m class="nb-markdown"/> }.into_any(),
        Item::Other { mime, text } => view! {
            <p class="nb-other muted">{format!("{mime} output (not shown here)")}</p>
            {text.map(|t| view! { <details class="nb-html"><summary>"Its text"</summary><LongText text=t class="nb-output"/></details> })}
        }
        .into_any(),
    }
}

fn output(o: Output, cell: usize, k: usize) -> AnyView {
    match o {
        Output::Stream { stderr, text } => {
            let class = if stderr { "nb-stream nb-stream--stderr" } else { "nb-stream" };
            view! {
                <div class="nb-out">
                    {stderr.then(|| view! { <p class="nb-label">"stderr"</p> })}
                    <LongText text=text class=class ansi=true/>
                </div>
            }
            .into_any()
        }
        Output::Data { result, execution_count, items } => view! {
            <div class="nb-out">
                {(result && execution_count.is_some()).then(|| view! { <p class="nb-label">{format!("Out[{}]", execution_count.unwrap_or_default())}</p> })}
                {items.into_iter().enumerate().map(|(i, it)| item(it, cell, k * 10 + i + 1)).collect_view()}
            </div>
        }
        .into_any(),
        Output::Error { ename, evalue, traceback } => view! {
            <div class="nb-out nb-error" role="group" aria-label="Error output">
                <p class="nb-error__title"><strong>{ansi_text(&ename)}</strong> ": " {ansi_text(&evalue)}</p>
                <LongText text=traceback.join("\n") class="nb-traceback" ansi=true/>
            </div>
        }
        .into_any(),
        Output::Unknown(kind) => view! { <p class="nb-other muted">{format!("An output of kind “{kind}” (not shown here)")}</p> }.into_any(),
    }
}

/// One cell: prompt, source and outputs. `id` names its element (the preview scrolls to it);
/// `whose` starts its accessible name when two notebooks' cells are on one page.
pub fn cell_view(i: usize, c: Cell, id: String, whose: &str) -> AnyView {
    let (kind, prompt) = match (&c.kind, c.execution_count) {
        (CellKind::Code, Some(n)) => ("code", format!("[{n}]")),
        (CellKind::Code, None) => ("code", "[ ]".to_string()),
        (CellKind::Markdown, _) => ("markdown", String::new()),
        (CellKind::Raw, _) => ("raw", String::new()),
        (CellKind::Other(_), _) => ("other", String::new()),
    };
    let has_error = c.outputs.iter().any(|o| matches!(o, Output::Error { .. }));
    let class = format!(
        "nb-cell nb-cell--{kind}{}",
        if has_error { " nb-cell--error" } else { "" }
    );
    let label = format!(
        "{whose}Cell {}{}",
        i + 1,
        if prompt.is_empty() {
            String::new()
        } else {
            format!(" {prompt}")
        }
    );
    let source = if kind == "markdown" {
        view! { <LongText text=c.source class="nb-markdown"/> }.into_any()
    } else {
        view! { <LongText text=c.source class="nb-source"/> }.into_any()
    };
    view! {
        <section class=class id=id tabindex="-1" aria-label=label>
            <div class="nb-prompt" aria-hidden="true">{prompt}</div>
            <div class="nb-body">
                {source}
                {c.outputs.into_iter().enumerate().map(|(k, o)| output(o, i, k)).collect_view()}
            </div>
        </section>
    }
    .into_any()
}

#[component]
pub fn NotebookView(notebook: Arc<Notebook>) -> impl IntoView {
    let total = notebook.cells.len();
    let count = RwSignal::new(total.min(FIRST));
    // A batch of cells per frame: a 2,000-cell notebook never freezes the page.
    Effect::new(move |_| {
        let n = count.get();
        if n < total {
            request_animation_frame(move || count.set((n + BATCH).min(total)));
        }
    });
    let nb = notebook.clone();
    let render = move |i: usize| cell_view(i, nb.cells[i].clone(), format!("nb-cell-{i}"), "");
    view! {
        <div class="notebook">
            <p class="nb-count muted">
                {format!("{total} cell{}", if total == 1 { "" } else { "s" })}
                {move || (count.get() < total).then(|| format!(" (drawing: {} so far…)", count.get()))}
            </p>
            <For each=move || 0..count.get() key=|i| *i children=render/>
        </div>
    }
}
