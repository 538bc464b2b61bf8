//! New execution: the start form on a page of its own (`view=start`), for a notebook that has
//! not run from this page before. What is typed is kept in the URL fragment (never credentials),
//! so a filled form is a link and a reload keeps it. The start chunk (`chunk`) is fetched when
//! the `New execution` button is pointed at or the route names the view.

pub mod chunk;
mod view;

/// Starts fetching the view's code (the New execution button was pointed at).
pub fn prefetch() {
    chunk::start::prefetch();
}
