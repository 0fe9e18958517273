//! The vocabulary between input and state: every user intent and system event the screens
//! understand (`Action`), and the I/O a screen asks the shell to perform (`Effect`). The
//! browser and the live screen share both.

use std::path::PathBuf;

use ratatui_textarea::Input;

use super::request::{Request, Response};
use crate::model::{Record, Timestamp};

/// Something that changes the state. Produced by the key map from input, or by the shell.
/// Keys reach an action only through the key map; no action names a key.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    // --- system -------------------------------------------------------------------------
    /// Time passes: updates the clock display and drives autosave. Sent every poll timeout.
    Tick(Timestamp),
    /// The terminal was resized.
    Resize(u16, u16),
    /// A save of the record's own file finished: `Ok(at)` or the error in words.
    Saved(Result<Timestamp, String>),
    /// A copy to another file (asked for when saving failed) finished: where, or why not.
    Copied(Result<PathBuf, String>),
    /// SIGHUP/SIGTERM or the terminal went away: save and exit now.
    HangUp,
    /// Text pasted in one go (bracketed paste): inserted as text, never run as commands.
    Paste(String),
    /// The shell's answer to an [`Effect::Ask`], or its news (a meeting ended).
    Responded(Response),

    // --- editing text ------------------------------------------------------------------
    /// A key for the focused text editor (notes, a form field, a prompt).
    Edit(Input),

    // --- moving around -------------------------------------------------------------------
    /// Focus the next pane (Tab).
    FocusNext,
    /// Focus the previous pane (Shift-Tab).
    FocusPrev,
    /// Leave the editor for the pane's commands, or close the overlay (Esc): never quits.
    Back,
    /// Start typing notes on the current item.
    TypeNotes,
    /// Move the selection in the focused list.
    SelectNext,
    /// Move the selection in the focused list.
    SelectPrev,
    /// Move the selection a page.
    PageDown,
    /// Move the selection a page.
    PageUp,
    /// Enter on the focused list: open the selected item or edit the selected entry.
    Activate,
    /// Select the notes above the editor, the newest first, to correct or delete one.
    SelectNotes,

    // --- agenda ----------------------------------------------------------------------------
    /// Open the next agenda item.
    NextItem,
    /// Open the previous agenda item.
    PrevItem,
    /// Ask for an item number or part of its title, then open it.
    GotoItem,
    /// Mark the current item done (refused for findings without rationale).
    MarkDone,
    /// Mark the current item skipped.
    MarkSkipped,
    /// Mark the current item not applicable.
    MarkNotApplicable,
    /// Put the selected item back to pending.
    Reopen,

    // --- entries -----------------------------------------------------------------------------
    /// Add an entry in the focused pane (attendee, finding, decision, action...).
    Add,
    /// Add a decision (findings & decisions pane).
    AddDecision,
    /// Edit the selected entry.
    EditSelected,
    /// Remove the selected entry (asks first).
    RemoveSelected,
    /// Toggle the selected entry between restricted and its normal visibility.
    ToggleRestricted,
    /// Quick-capture an action from anywhere.
    QuickAction,
    /// Mark the selected action done.
    CompleteAction,
    /// Cancel the selected action.
    CancelAction,
    /// Set the selected attendee's attendance.
    SetAttendance(crate::model::Attendance),
    /// Stamp the selected attendee as joining now.
    StampJoined,
    /// Stamp the selected attendee as leaving now.
    StampLeft,
    /// Mark the selected attendee as the adult (toggle).
    ToggleAdult,
    /// Add an attendee from the usual roles.
    QuickAddRole,
    /// Add attendees one line each ("Priya Raman, DC, Police").
    AddPeople,

    // --- meeting ---------------------------------------------------------------------------
    /// Switch to the next meeting part: whole -> part 1 (professionals only) -> part 2 (with the adult).
    CyclePart,
    /// Open the closing check and end the meeting.
    EndMeeting,
    /// Save now.
    SaveNow,
    /// Show the help screen.
    Help,
    /// Quit: save first; ask if saving fails.
    Quit,
    /// Undo the last change with consequences (meeting part, restricted, remove, a status,
    /// the end of the meeting), if nothing has changed the same entries since.
    UndoChange,
    /// Open the command palette: every command, searchable, with its key.
    Palette,
    /// Start the meeting now (its start time), on the meeting's day.
    StartMeeting,
    /// Open the meeting-details form (chair, minute taker, venue, mode, times).
    MeetingDetails,
    /// Mark every agenda item neither discussed nor marked as not discussed.
    MarkUntouched,
    /// Copy the words of the selected note or decision into a section (views, plan...).
    FillSection,
    /// Ctrl-L: clear and redraw the whole screen.
    Redraw,

    // --- browser ---------------------------------------------------------------------------
    /// Search the full text of every record.
    Search,
    /// The action tracker across meetings.
    Tracker,
    /// Start the follow-up (review) meeting of the selected record.
    FollowUp,
    /// Show all entries, or only open ones.
    ToggleFilter,
    /// Export the selected record's minutes to a file.
    Export,

    // --- overlays -------------------------------------------------------------------------
    /// Confirm the open prompt, form or dialog (Enter).
    Submit,
    /// Move to the next field of a form or completion (Tab inside a form).
    NextField,
    /// Move to the previous field of a form.
    PrevField,
    /// Change the value of a choice field (Left/Right inside a form).
    CycleChoice(i8),
    /// Yes to the open question.
    Yes,
    /// Closing check: note in the minutes that the selected gap was seen and left.
    AcknowledgeGap,
    /// Quitting while saves fail: try the save again, then quit.
    RetrySave,
    /// Quitting while saves fail: write a copy of the record elsewhere, then quit.
    WriteCopy,
    /// Quitting while saves fail: quit without the unsaved changes (asked twice).
    DiscardChanges,
}

/// I/O the state asks the shell to do. `update` never does I/O itself.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save this snapshot of the record through the store (in the background).
    Save(Box<Record>),
    /// Save this snapshot to another path chosen by the user (when the normal save fails).
    SaveAs(Box<Record>, PathBuf),
    /// Clear the terminal and draw everything again.
    ClearScreen,
    /// Leave this screen (the live screen: after the save asked for with it; the shell
    /// checks nothing unsaved remains unless told to discard). Leaving a meeting opened from
    /// the browser goes back to the browser; leaving the browser ends the program.
    Exit,
    /// Ask the records for something (through the service); the answer comes back as
    /// [`Action::Responded`], or as the live screen on a record opened.
    Ask(Request),
}

/// Applies a typed key to a one-line text field (a filter, a query, a path): a character is
/// added, Backspace removes the last one, Ctrl-W (or Alt-Backspace) the last word and Ctrl-U
/// the whole line. `false` when the key is not for the line.
pub fn edit_line(line: &mut String, input: &Input) -> bool {
    use ratatui_textarea::Key;
    match input.key {
        Key::Char(c) if !input.ctrl && !input.alt => line.push(c),
        Key::Char('w') if input.ctrl => delete_last_word(line),
        Key::Backspace if input.alt || input.ctrl => delete_last_word(line),
        Key::Char('u') if input.ctrl => line.clear(),
        Key::Backspace => {
            line.pop();
        }
        _ => return false,
    }
    true
}

/// Removes the last word of `line` and the spaces after it, as Ctrl-W does in a shell.
fn delete_last_word(line: &mut String) {
    let kept = line.trim_end().len();
    line.truncate(kept);
    let start = line
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(at, c)| at + c.len_utf8());
    line.truncate(start);
}

#[cfg(test)]
mod tests {
    use ratatui_textarea::{Input, Key};

    use super::edit_line;

    fn ctrl(c: char) -> Input {
        Input {
            key: Key::Char(c),
            ctrl: true,
            alt: false,
            shift: false,
        }
    }

    #[test]
    fn ctrl_w_deletes_the_last_word_and_ctrl_u_the_line() {
        let mut line = "go to Zoë Martin  ".to_owned();
        assert!(edit_line(&mut line, &ctrl('w')));
        assert_eq!(line, "go to Zoë ");
        assert!(edit_line(&mut line, &ctrl('w')));
        assert_eq!(line, "go to ");
        assert!(edit_line(&mut line, &ctrl('u')));
        assert_eq!(line, "");
        assert!(
            edit_line(&mut line, &ctrl('w')),
            "nothing to delete is still the line's key"
        );
    }
}
