//! Forms over the live screen: adding and editing attendees, findings, decisions, actions,
//! and the plan sections. (Being written: the form widget lands next.)

use super::{App, Tone};
use crate::model::Attendee;

impl App {
    /// e / Enter on a list pane: edit the selected entry.
    pub(super) fn edit_selected(&mut self) {
        self.say("Editing entries arrives with the form widget.", Tone::Info);
    }

    /// Opens the attendee form: editing `index`, or adding `template`.
    pub(super) fn open_attendee_form(&mut self, index: Option<usize>, template: Option<Attendee>) {
        let _ = (index, template);
        self.edit_selected();
    }
}
