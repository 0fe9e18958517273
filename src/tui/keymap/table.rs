//! The built-in key table: every binding as (context, command, keys, action, description,
//! hint). `keys.toml` patches the keys; everything else here is fixed.

use ratatui::crossterm::event::KeyCode;

use super::key::Key;
use crate::model::Attendance;
use crate::tui::action::Action;

/// Where a binding applies. Its [`Context::name`] heads a table in `keys.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Anywhere on the live screen, even while typing notes.
    Global,
    /// Typing notes.
    Notes,
    /// Choosing a speaker after `@` while typing notes.
    Completion,
    /// The notes above the editor, selected to correct one.
    NoteList,
    /// Any list pane (agenda, people, findings, actions, plan).
    Lists,
    /// The agenda list.
    Agenda,
    /// The attendees pane.
    People,
    /// The findings and decisions pane.
    Findings,
    /// The actions pane.
    Actions,
    /// The plan and review pane.
    Plan,
    /// A form in a pop-up.
    Form,
    /// A one-line prompt (go to item, quick action).
    Prompt,
    /// The command palette: every command, searchable.
    Palette,
    /// A list in a pop-up (closing check, roles).
    Picker,
    /// A yes/no question.
    Question,
    /// Quitting while saves fail: retry, write a copy, or discard.
    Quitting,
    /// Typing where to write a copy of the record.
    CopyPath,
    /// The help screen.
    Help,
    /// The browser's list of meetings (typing filters it).
    Browser,
    /// Typing a search query.
    Query,
    /// Search hits.
    Results,
    /// Reading a record's minutes.
    Reader,
    /// The action tracker.
    Tracker,
}

impl Context {
    /// Every context, in the order of the help screen (the index of each is its place here).
    pub const ALL: [Self; 23] = [
        Self::Global,
        Self::Notes,
        Self::Completion,
        Self::NoteList,
        Self::Lists,
        Self::Agenda,
        Self::People,
        Self::Findings,
        Self::Actions,
        Self::Plan,
        Self::Form,
        Self::Prompt,
        Self::Palette,
        Self::Picker,
        Self::Question,
        Self::Quitting,
        Self::CopyPath,
        Self::Help,
        Self::Browser,
        Self::Query,
        Self::Results,
        Self::Reader,
        Self::Tracker,
    ];

    /// Its place in [`Context::ALL`].
    #[must_use]
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The stable name `keys.toml` and `minutes keys` use.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::Notes => "notes",
            Self::Completion => "completion",
            Self::NoteList => "note-list",
            Self::Lists => "lists",
            Self::Agenda => "agenda",
            Self::People => "people",
            Self::Findings => "findings",
            Self::Actions => "actions",
            Self::Plan => "plan",
            Self::Form => "form",
            Self::Prompt => "prompt",
            Self::Palette => "palette",
            Self::Picker => "picker",
            Self::Question => "question",
            Self::Quitting => "quitting",
            Self::CopyPath => "copy-path",
            Self::Help => "help",
            Self::Browser => "browser",
            Self::Query => "query",
            Self::Results => "results",
            Self::Reader => "reader",
            Self::Tracker => "tracker",
        }
    }

    /// The context of this name.
    #[must_use]
    pub fn named(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|context| context.name() == name)
    }

    /// Heading on the help screen.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::Global => "Anywhere",
            Self::Notes => "Typing notes",
            Self::Completion => "Choosing a speaker after @",
            Self::NoteList => "Correcting a note (Up from the editor's first line)",
            Self::Lists => "In any list pane",
            Self::Agenda => "Agenda",
            Self::People => "People",
            Self::Findings => "Findings & decisions",
            Self::Actions => "Actions",
            Self::Plan => "Plan & review",
            Self::Form => "Forms",
            Self::Prompt => "One-line prompts",
            Self::Palette => "Command palette (typing searches)",
            Self::Picker => "Pop-up lists",
            Self::Question => "Questions",
            Self::Quitting => "Quitting while saves fail",
            Self::CopyPath => "Writing a copy: typing its path",
            Self::Help => "This help",
            Self::Browser => "Browser: the meetings (minutes with no arguments; typing filters)",
            Self::Query => "Browser: typing a search",
            Self::Results => "Browser: search hits",
            Self::Reader => "Browser: reading minutes",
            Self::Tracker => "Browser: action tracker",
        }
    }

    /// Whether the context belongs to the browser alone (else to the live screen, or to both:
    /// forms and help).
    #[must_use]
    pub const fn browser_only(self) -> bool {
        matches!(
            self,
            Self::Browser | Self::Query | Self::Results | Self::Reader | Self::Tracker
        )
    }

    /// Whether the context belongs to the live screen alone.
    #[must_use]
    pub const fn live_only(self) -> bool {
        !self.browser_only() && !matches!(self, Self::Form | Self::Help)
    }
}

/// A bindable command: its [`Command::name`] is what `keys.toml` rebinds and what help and
/// `minutes keys` list. One command may be bound in several contexts (`move-down` in every
/// list), each with its own keys and words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // each variant is documented by its name and the table's descriptions
pub enum Command {
    Quit,
    SaveNow,
    QuickAction,
    GotoItem,
    ToggleRestricted,
    NextItem,
    PreviousItem,
    NextPane,
    PreviousPane,
    Help,
    Redraw,
    Palette,
    UndoChange,
    StartMeeting,
    MeetingDetails,
    MarkUntouched,
    FillSection,
    SelectNotes,
    NextNote,
    NewLine,
    LeaveNotes,
    Speaker,
    Undo,
    Accept,
    MoveDown,
    MoveUp,
    PageDown,
    PageUp,
    TypeNotes,
    CyclePart,
    EndMeeting,
    OpenItem,
    MarkDone,
    MarkSkipped,
    MarkNotApplicable,
    Reopen,
    Add,
    AddFromRoles,
    AddPeople,
    Edit,
    Remove,
    Present,
    Apologies,
    Absent,
    WrittenContribution,
    JoinedNow,
    LeftNow,
    ToggleAdult,
    AddDecision,
    MarkCancelled,
    Save,
    NextField,
    PreviousField,
    ChangeChoice,
    Cancel,
    Adjust,
    Choose,
    AcknowledgeGap,
    Close,
    Yes,
    No,
    RetrySave,
    WriteCopy,
    DiscardChanges,
    Write,
    Back,
    Read,
    Search,
    Tracker,
    NewMeeting,
    FollowUp,
    Export,
    NewSearch,
    NextSection,
    PreviousSection,
    GotoSection,
    ToggleFilter,
}

impl Command {
    /// Every command.
    pub const ALL: [Self; 77] = [
        Self::Quit,
        Self::SaveNow,
        Self::QuickAction,
        Self::GotoItem,
        Self::ToggleRestricted,
        Self::NextItem,
        Self::PreviousItem,
        Self::NextPane,
        Self::PreviousPane,
        Self::Help,
        Self::Redraw,
        Self::Palette,
        Self::UndoChange,
        Self::StartMeeting,
        Self::MeetingDetails,
        Self::MarkUntouched,
        Self::FillSection,
        Self::SelectNotes,
        Self::NextNote,
        Self::NewLine,
        Self::LeaveNotes,
        Self::Speaker,
        Self::Undo,
        Self::Accept,
        Self::MoveDown,
        Self::MoveUp,
        Self::PageDown,
        Self::PageUp,
        Self::TypeNotes,
        Self::CyclePart,
        Self::EndMeeting,
        Self::OpenItem,
        Self::MarkDone,
        Self::MarkSkipped,
        Self::MarkNotApplicable,
        Self::Reopen,
        Self::Add,
        Self::AddFromRoles,
        Self::AddPeople,
        Self::Edit,
        Self::Remove,
        Self::Present,
        Self::Apologies,
        Self::Absent,
        Self::WrittenContribution,
        Self::JoinedNow,
        Self::LeftNow,
        Self::ToggleAdult,
        Self::AddDecision,
        Self::MarkCancelled,
        Self::Save,
        Self::NextField,
        Self::PreviousField,
        Self::ChangeChoice,
        Self::Cancel,
        Self::Adjust,
        Self::Choose,
        Self::AcknowledgeGap,
        Self::Close,
        Self::Yes,
        Self::No,
        Self::RetrySave,
        Self::WriteCopy,
        Self::DiscardChanges,
        Self::Write,
        Self::Back,
        Self::Read,
        Self::Search,
        Self::Tracker,
        Self::NewMeeting,
        Self::FollowUp,
        Self::Export,
        Self::NewSearch,
        Self::NextSection,
        Self::PreviousSection,
        Self::GotoSection,
        Self::ToggleFilter,
    ];

    /// The stable kebab-case name `keys.toml`, `minutes keys` and the documentation use.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Quit => "quit",
            Self::SaveNow => "save-now",
            Self::QuickAction => "quick-action",
            Self::GotoItem => "goto-item",
            Self::ToggleRestricted => "toggle-restricted",
            Self::NextItem => "next-item",
            Self::PreviousItem => "previous-item",
            Self::NextPane => "next-pane",
            Self::PreviousPane => "previous-pane",
            Self::Help => "help",
            Self::Redraw => "redraw",
            Self::Palette => "palette",
            Self::UndoChange => "undo-change",
            Self::StartMeeting => "start-meeting",
            Self::MeetingDetails => "meeting-details",
            Self::MarkUntouched => "mark-untouched",
            Self::FillSection => "fill-section",
            Self::SelectNotes => "select-notes",
            Self::NextNote => "next-note",
            Self::NewLine => "new-line",
            Self::LeaveNotes => "leave-notes",
            Self::Speaker => "speaker",
            Self::Undo => "undo",
            Self::Accept => "accept",
            Self::MoveDown => "move-down",
            Self::MoveUp => "move-up",
            Self::PageDown => "page-down",
            Self::PageUp => "page-up",
            Self::TypeNotes => "type-notes",
            Self::CyclePart => "cycle-part",
            Self::EndMeeting => "end-meeting",
            Self::OpenItem => "open-item",
            Self::MarkDone => "mark-done",
            Self::MarkSkipped => "mark-skipped",
            Self::MarkNotApplicable => "mark-not-applicable",
            Self::Reopen => "reopen",
            Self::Add => "add",
            Self::AddFromRoles => "add-from-roles",
            Self::AddPeople => "add-people",
            Self::Edit => "edit",
            Self::Remove => "remove",
            Self::Present => "present",
            Self::Apologies => "apologies",
            Self::Absent => "absent",
            Self::WrittenContribution => "written-contribution",
            Self::JoinedNow => "joined-now",
            Self::LeftNow => "left-now",
            Self::ToggleAdult => "toggle-adult",
            Self::AddDecision => "add-decision",
            Self::MarkCancelled => "mark-cancelled",
            Self::Save => "save",
            Self::NextField => "next-field",
            Self::PreviousField => "previous-field",
            Self::ChangeChoice => "change-choice",
            Self::Cancel => "cancel",
            Self::Adjust => "adjust",
            Self::Choose => "choose",
            Self::AcknowledgeGap => "acknowledge-gap",
            Self::Close => "close",
            Self::Yes => "yes",
            Self::No => "no",
            Self::RetrySave => "retry-save",
            Self::WriteCopy => "write-copy",
            Self::DiscardChanges => "discard-changes",
            Self::Write => "write",
            Self::Back => "back",
            Self::Read => "read",
            Self::Search => "search",
            Self::Tracker => "tracker",
            Self::NewMeeting => "new-meeting",
            Self::FollowUp => "follow-up",
            Self::Export => "export",
            Self::NewSearch => "new-search",
            Self::NextSection => "next-section",
            Self::PreviousSection => "previous-section",
            Self::GotoSection => "goto-section",
            Self::ToggleFilter => "toggle-filter",
        }
    }

    /// The command of this name.
    #[must_use]
    pub fn named(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|command| command.name() == name)
    }
}

/// One row of the built-in table.
#[derive(Debug, PartialEq)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// Its name.
    pub command: Command,
    /// The built-in keys, the first one shown in hints and pop-ups.
    pub keys: &'static [Key],
    /// What a key of it does.
    pub action: Action,
    /// The words on the help screen and in `minutes keys`.
    pub description: &'static str,
    /// Shown in the status bar when its context is focused.
    pub hint: Option<&'static str>,
    /// A key of the text editor or of a form's field, listed so that help shows it; it cannot
    /// be rebound, and no other binding of its context may take it.
    pub fixed: bool,
}

const fn bind(
    context: Context,
    command: Command,
    keys: &'static [Key],
    action: Action,
    description: &'static str,
) -> Binding {
    Binding {
        context,
        command,
        keys,
        action,
        description,
        hint: None,
        fixed: false,
    }
}

const fn hint(
    context: Context,
    command: Command,
    keys: &'static [Key],
    action: Action,
    description: &'static str,
    hint: &'static str,
) -> Binding {
    let mut binding = bind(context, command, keys, action, description);
    binding.hint = Some(hint);
    binding
}

const fn fixed(
    context: Context,
    command: Command,
    keys: &'static [Key],
    action: Action,
    description: &'static str,
) -> Binding {
    let mut binding = bind(context, command, keys, action, description);
    binding.fixed = true;
    binding
}

/// A key handed to the text editor, as the help screen lists it.
const fn typed(c: char, ctrl: bool) -> Action {
    Action::Edit(ratatui_textarea::Input {
        key: ratatui_textarea::Key::Char(c),
        ctrl,
        alt: false,
        shift: false,
    })
}

use Command as C;
use Context::{
    Actions as Act, Agenda as Ag, Browser as Br, Completion as Co, CopyPath as Cp, Findings as Fi,
    Form as Fo, Global as G, Help as He, Lists as Li, NoteList as Nl, Notes as No, Palette as Pa,
    People as Pe, Picker as Pi, Plan as Pl, Prompt as Pr, Query as Qy, Question as Qu,
    Quitting as Qt, Reader as Rd, Results as Re, Tracker as Tr,
};
use KeyCode::{BackTab, Delete, Down, Enter, Esc, F, PageDown, PageUp, Tab, Up};

/// Every built-in binding, grouped by context in the order of [`Context::ALL`].
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // Anywhere on the live screen. No printable key is bound on the live screen: typing
    // always types (into the field with the caret, else into the notes).
    hint(G, C::Quit, &[Key::ctrl('q'), Key::ctrl('c')], Action::Quit, "save and quit", "quit"),
    hint(G, C::Palette, &[Key::ctrl('p')], Action::Palette, "command palette: every command, searchable, with its key", "commands"),
    bind(G, C::SaveNow, &[Key::ctrl('s')], Action::SaveNow, "save now"),
    hint(G, C::QuickAction, &[Key::ctrl('t')], Action::QuickAction, "quick action: 'JS to chase GP by fri'", "action"),
    hint(G, C::MarkDone, &[Key::ctrl('d')], Action::MarkDone, "mark the current item done and open the next one still open", "item done"),
    bind(G, C::NextItem, &[Key::ctrl('n')], Action::NextItem, "next agenda item"),
    bind(G, C::PreviousItem, &[], Action::PrevItem, "previous agenda item"),
    bind(G, C::GotoItem, &[Key::ctrl('g')], Action::GotoItem, "go to an agenda item by number or title"),
    bind(G, C::ToggleRestricted, &[Key::ctrl('o')], Action::ToggleRestricted, "mark the note or selected entry restricted (or back)"),
    hint(G, C::UndoChange, &[Key::ctrl('z')], Action::UndoChange, "undo the last change to the record (part, restricted, remove, a status, the end)", "undo"),
    bind(G, C::CyclePart, &[], Action::CyclePart, "meeting part: whole / part 1 professionals only / part 2 with the adult"),
    bind(G, C::MarkSkipped, &[], Action::MarkSkipped, "mark the current (or selected) agenda item skipped"),
    bind(G, C::MarkNotApplicable, &[], Action::MarkNotApplicable, "mark the current (or selected) agenda item not applicable"),
    bind(G, C::MarkUntouched, &[], Action::MarkUntouched, "mark every item neither discussed nor marked as not discussed"),
    bind(G, C::StartMeeting, &[], Action::StartMeeting, "start the meeting now (its start time)"),
    bind(G, C::MeetingDetails, &[], Action::MeetingDetails, "meeting details: chair, minute taker, venue, mode, times"),
    bind(G, C::FillSection, &[], Action::FillSection, "copy the selected note's or decision's words into a section (views, plan...)"),
    bind(G, C::EndMeeting, &[], Action::EndMeeting, "end the meeting: closing check"),
    hint(G, C::NextPane, &[Key::plain(Tab)], Action::FocusNext, "next pane", "pane"),
    bind(G, C::PreviousPane, &[Key::plain(BackTab)], Action::FocusPrev, "previous pane"),
    bind(G, C::Help, &[Key::plain(F(1))], Action::Help, "help on the keys of where you are (also in the palette)"),
    bind(G, C::Redraw, &[Key::ctrl('l')], Action::Redraw, "redraw the screen"),
    // Typing notes.
    hint(No, C::NextNote, &[Key::plain(Enter)], Action::Submit, "finish this note, start the next (or accept @speaker)", "next note"),
    fixed(No, C::NewLine, &[Key::ctrl('j')], typed('j', true), "new line within the note"),
    bind(No, C::LeaveNotes, &[Key::plain(Esc)], Action::Back, "leave the notes for the lists (typing comes back here)"),
    fixed(No, C::Speaker, &[Key::ch('@')], typed('@', false), "attribute a speaker: @ then initials or name, then Space or Enter"),
    fixed(No, C::SelectNotes, &[Key::plain(Up)], Action::SelectNotes, "in the empty editor: select the notes above to correct or delete one"),
    fixed(No, C::Undo, &[Key::ctrl('u')], typed('u', true), "undo typing (Ctrl-R redo; Ctrl-E line end; Ctrl-W/Alt-Backspace delete word; Ctrl-K delete to end)"),
    // Choosing a speaker after @.
    bind(Co, C::MoveDown, &[Key::plain(Down)], Action::SelectNext, "next match"),
    bind(Co, C::MoveUp, &[Key::plain(Up)], Action::SelectPrev, "previous match"),
    bind(Co, C::Accept, &[Key::plain(Tab)], Action::Submit, "accept the speaker (Space and Enter too)"),
    // Correcting a note.
    bind(Nl, C::MoveDown, &[Key::plain(Down)], Action::SelectNext, "newer note (past the newest: back to typing)"),
    bind(Nl, C::MoveUp, &[Key::plain(Up)], Action::SelectPrev, "older note"),
    hint(Nl, C::Edit, &[Key::plain(Enter)], Action::EditSelected, "correct it: text, speaker, time, item, visibility (the record keeps what it said)", "correct"),
    hint(Nl, C::Remove, &[Key::plain(Delete)], Action::RemoveSelected, "delete it (asks first; the record keeps a tombstone)", "delete"),
    bind(Nl, C::FillSection, &[], Action::FillSection, "copy its words into a section (views, plan, contingency, coordinator)"),
    hint(Nl, C::Back, &[Key::plain(Esc)], Action::TypeNotes, "back to typing (typing goes there too)", "back"),
    // Any list pane.
    bind(Li, C::MoveDown, &[Key::plain(Down)], Action::SelectNext, "move down"),
    bind(Li, C::MoveUp, &[Key::plain(Up)], Action::SelectPrev, "move up"),
    bind(Li, C::PageDown, &[Key::plain(PageDown)], Action::PageDown, "page down"),
    bind(Li, C::PageUp, &[Key::plain(PageUp)], Action::PageUp, "page up"),
    hint(Li, C::TypeNotes, &[Key::plain(Esc)], Action::TypeNotes, "type notes on the current item (typing goes there too)", "notes"),
    // Agenda.
    hint(Ag, C::OpenItem, &[Key::plain(Enter)], Action::Activate, "open the selected item and type", "open"),
    bind(Ag, C::Reopen, &[], Action::Reopen, "put the selected item back to pending"),
    // People.
    hint(Pe, C::Edit, &[Key::plain(Enter)], Action::EditSelected, "edit: name, role, agency, attendance, parts, times", "edit"),
    hint(Pe, C::Remove, &[Key::plain(Delete)], Action::RemoveSelected, "remove (asks first)", "remove"),
    bind(Pe, C::AddPeople, &[], Action::AddPeople, "add people one line each: 'Priya Raman, DC, Police', Enter, the next"),
    bind(Pe, C::Add, &[], Action::Add, "add an attendee in the full form"),
    bind(Pe, C::AddFromRoles, &[], Action::QuickAddRole, "add an attendee from the usual roles"),
    bind(Pe, C::Present, &[], Action::SetAttendance(Attendance::Present), "selected attendee: present"),
    bind(Pe, C::Apologies, &[], Action::SetAttendance(Attendance::Apologies), "selected attendee: apologies"),
    bind(Pe, C::Absent, &[], Action::SetAttendance(Attendance::Absent), "selected attendee: absent"),
    bind(Pe, C::WrittenContribution, &[], Action::SetAttendance(Attendance::WrittenContribution), "selected attendee: apologies, written contribution"),
    bind(Pe, C::JoinedNow, &[], Action::StampJoined, "selected attendee joined now (late)"),
    bind(Pe, C::LeftNow, &[], Action::StampLeft, "selected attendee left now (early)"),
    bind(Pe, C::ToggleAdult, &[], Action::ToggleAdult, "selected attendee is the adult (or not)"),
    // Findings and decisions.
    hint(Fi, C::Edit, &[Key::plain(Enter)], Action::EditSelected, "edit", "edit"),
    hint(Fi, C::Remove, &[Key::plain(Delete)], Action::RemoveSelected, "remove (asks first)", "remove"),
    bind(Fi, C::Add, &[], Action::Add, "add a finding (one per allegation)"),
    bind(Fi, C::AddDecision, &[], Action::AddDecision, "add a decision"),
    // Actions.
    hint(Act, C::Edit, &[Key::plain(Enter)], Action::EditSelected, "edit", "edit"),
    hint(Act, C::Remove, &[Key::plain(Delete)], Action::RemoveSelected, "remove (asks first)", "remove"),
    bind(Act, C::MarkDone, &[], Action::CompleteAction, "selected action: done"),
    bind(Act, C::MarkCancelled, &[], Action::CancelAction, "selected action: cancelled"),
    bind(Act, C::Reopen, &[], Action::Reopen, "selected action: open again"),
    // Plan and review.
    hint(Pl, C::Edit, &[Key::plain(Enter)], Action::EditSelected, "edit the selected section", "edit"),
    // Forms.
    hint(Fo, C::Save, &[Key::plain(Enter)], Action::Submit, "save the form", "save"),
    hint(Fo, C::NextField, &[Key::plain(Tab)], Action::NextField, "next field (Down too, outside lists and long text)", "next"),
    bind(Fo, C::PreviousField, &[Key::plain(BackTab)], Action::PrevField, "previous field (Up too)"),
    fixed(Fo, C::ChangeChoice, &[Key::ch(' ')], typed(' ', false), "choice, yes/no, list: change or tick (Left/Right too; a letter jumps)"),
    hint(Fo, C::Cancel, &[Key::plain(Esc)], Action::Back, "cancel (twice if you changed something)", "cancel"),
    fixed(Fo, C::NewLine, &[Key::ctrl('j')], typed('j', true), "new line in a long text field"),
    // One-line prompts.
    hint(Pr, C::Accept, &[Key::plain(Enter)], Action::Submit, "accept", "accept"),
    hint(Pr, C::Adjust, &[Key::plain(Tab)], Action::NextField, "quick action: adjust the parsed fields in a form", "adjust"),
    hint(Pr, C::Cancel, &[Key::plain(Esc)], Action::Back, "cancel", "cancel"),
    bind(Pr, C::MoveDown, &[Key::plain(Down)], Action::SelectNext, "next match"),
    bind(Pr, C::MoveUp, &[Key::plain(Up)], Action::SelectPrev, "previous match"),
    // The command palette.
    hint(Pa, C::Choose, &[Key::plain(Enter)], Action::Submit, "run the highlighted command", "run"),
    bind(Pa, C::MoveDown, &[Key::plain(Down)], Action::SelectNext, "next command"),
    bind(Pa, C::MoveUp, &[Key::plain(Up)], Action::SelectPrev, "previous command"),
    hint(Pa, C::Close, &[Key::plain(Esc)], Action::Back, "close", "close"),
    // Pop-up lists. A letter typed here closes the list and goes into the notes.
    bind(Pi, C::MoveDown, &[Key::plain(Down)], Action::SelectNext, "move down"),
    bind(Pi, C::MoveUp, &[Key::plain(Up)], Action::SelectPrev, "move up"),
    hint(Pi, C::Choose, &[Key::plain(Enter)], Action::Submit, "choose / fix the selected gap", "choose"),
    hint(Pi, C::AcknowledgeGap, &[Key::ctrl('n')], Action::AcknowledgeGap, "closing check: note in the minutes that the gap was seen and left", "note as missing"),
    hint(Pi, C::EndMeeting, &[Key::ctrl('e')], Action::EndMeeting, "closing check: end the meeting now", "end anyway"),
    hint(Pi, C::Close, &[Key::plain(Esc)], Action::Back, "close", "close"),
    // Questions. A letter typed here answers no and goes into the notes.
    hint(Qu, C::Yes, &[Key::plain(Enter)], Action::Yes, "yes", "yes"),
    hint(Qu, C::No, &[Key::plain(Esc)], Action::Back, "no / cancel", "no"),
    hint(Qt, C::RetrySave, &[Key::plain(Enter)], Action::RetrySave, "retry the save, then quit", "retry"),
    hint(Qt, C::WriteCopy, &[Key::ctrl('w')], Action::WriteCopy, "write a copy of the record elsewhere, then quit", "write a copy"),
    hint(Qt, C::DiscardChanges, &[Key::ctrl('d')], Action::DiscardChanges, "discard the unsaved changes and quit (press twice)", "discard"),
    hint(Qt, C::Cancel, &[Key::plain(Esc)], Action::Back, "cancel: stay in the meeting", "cancel"),
    hint(Cp, C::Write, &[Key::plain(Enter)], Action::Submit, "write the copy to the path typed, then quit", "write"),
    hint(Cp, C::Back, &[Key::plain(Esc)], Action::Back, "back to the question", "back"),
    // Help. On the live screen a letter typed here closes help and goes into the notes.
    bind(He, C::MoveDown, &[Key::plain(Down)], Action::SelectNext, "scroll down"),
    bind(He, C::MoveUp, &[Key::plain(Up)], Action::SelectPrev, "scroll up"),
    bind(He, C::PageDown, &[Key::plain(PageDown)], Action::PageDown, "page down"),
    bind(He, C::PageUp, &[Key::plain(PageUp)], Action::PageUp, "page up"),
    hint(He, C::Close, &[Key::plain(Esc), Key::plain(F(1))], Action::Back, "close help", "close"),
    // Browser: the list of meetings.
    hint(Br, C::Read, &[Key::plain(Enter)], Action::Activate, "read the minutes", "read"),
    hint(Br, C::Edit, &[Key::ctrl('e')], Action::EditSelected, "open on the live screen to edit (locked while open)", "edit"),
    hint(Br, C::Search, &[Key::ctrl('s')], Action::Search, "search the full text of every meeting", "search"),
    hint(Br, C::Tracker, &[Key::ctrl('t')], Action::Tracker, "action tracker across meetings", "actions"),
    hint(Br, C::NewMeeting, &[Key::ctrl('n')], Action::Add, "new meeting", "new"),
    hint(Br, C::FollowUp, &[Key::ctrl('f')], Action::FollowUp, "follow-up (review) meeting of the selected one (asks first)", "follow-up"),
    hint(Br, C::Export, &[Key::ctrl('p')], Action::Export, "export the minutes (md, html, txt, docx, json; professionals or the adult)", "export"),
    bind(Br, C::MoveDown, &[Key::plain(Down)], Action::SelectNext, "move down"),
    bind(Br, C::MoveUp, &[Key::plain(Up)], Action::SelectPrev, "move up"),
    bind(Br, C::PageDown, &[Key::plain(PageDown)], Action::PageDown, "page down"),
    bind(Br, C::PageUp, &[Key::plain(PageUp)], Action::PageUp, "page up"),
    bind(Br, C::Back, &[Key::plain(Esc)], Action::Back, "clear the filter (Ctrl-W: its last word); never quits"),
    hint(Br, C::Help, &[Key::plain(F(1)), Key::ctrl('k')], Action::Help, "help", "help"),
    hint(Br, C::Quit, &[Key::ctrl('q'), Key::ctrl('c')], Action::Quit, "quit", "quit"),
    // Browser: typing a search.
    hint(Qy, C::Search, &[Key::plain(Enter)], Action::Submit, "search", "search"),
    hint(Qy, C::Back, &[Key::plain(Esc)], Action::Back, "back to the meetings", "back"),
    hint(Qy, C::Help, &[Key::plain(F(1)), Key::ctrl('k')], Action::Help, "help", "help"),
    hint(Qy, C::Quit, &[Key::ctrl('q'), Key::ctrl('c')], Action::Quit, "quit", "quit"),
    // Browser: search hits.
    hint(Re, C::Read, &[Key::plain(Enter)], Action::Activate, "read the minutes of the hit", "read"),
    bind(Re, C::MoveDown, &[Key::ch('j'), Key::plain(Down)], Action::SelectNext, "next hit"),
    bind(Re, C::MoveUp, &[Key::ch('k'), Key::plain(Up)], Action::SelectPrev, "previous hit"),
    hint(Re, C::NewSearch, &[Key::ctrl('s'), Key::ch('/')], Action::Search, "new search", "new search"),
    hint(Re, C::Back, &[Key::plain(Esc)], Action::Back, "back to the meetings", "back"),
    hint(Re, C::Help, &[Key::plain(F(1)), Key::ctrl('k')], Action::Help, "help", "help"),
    hint(Re, C::Quit, &[Key::ctrl('q'), Key::ctrl('c')], Action::Quit, "quit", "quit"),
    // Browser: reading minutes.
    bind(Rd, C::MoveDown, &[Key::ch('j'), Key::plain(Down)], Action::SelectNext, "scroll down"),
    bind(Rd, C::MoveUp, &[Key::ch('k'), Key::plain(Up)], Action::SelectPrev, "scroll up"),
    hint(Rd, C::PageDown, &[Key::plain(PageDown), Key::ch(' ')], Action::PageDown, "page down", "page"),
    bind(Rd, C::PageUp, &[Key::plain(PageUp)], Action::PageUp, "page up"),
    hint(Rd, C::GotoSection, &[Key::ch('g'), Key::plain(Tab)], Action::GotoItem, "jump to a section", "sections"),
    bind(Rd, C::Choose, &[Key::plain(Enter)], Action::Activate, "in the section list: go there"),
    hint(Rd, C::Edit, &[Key::ctrl('e')], Action::EditSelected, "open on the live screen to edit", "edit"),
    hint(Rd, C::Export, &[Key::ctrl('p')], Action::Export, "export these minutes", "export"),
    // After edit and export, so a narrow status bar drops this hint (g lists the sections) first.
    hint(Rd, C::NextSection, &[Key::ch(']')], Action::NextItem, "next section", "next section"),
    bind(Rd, C::PreviousSection, &[Key::ch('[')], Action::PrevItem, "previous section"),
    hint(Rd, C::Back, &[Key::plain(Esc), Key::ch('q')], Action::Back, "back", "back"),
    hint(Rd, C::Help, &[Key::plain(F(1)), Key::ctrl('k')], Action::Help, "help", "help"),
    hint(Rd, C::Quit, &[Key::ctrl('q'), Key::ctrl('c')], Action::Quit, "quit", "quit"),
    // Browser: action tracker. What changes a record is a Ctrl chord: a stray letter changes
    // nothing here.
    bind(Tr, C::MoveDown, &[Key::plain(Down)], Action::SelectNext, "move down"),
    bind(Tr, C::MoveUp, &[Key::plain(Up)], Action::SelectPrev, "move up"),
    bind(Tr, C::PageDown, &[Key::plain(PageDown)], Action::PageDown, "page down"),
    bind(Tr, C::PageUp, &[Key::plain(PageUp)], Action::PageUp, "page up"),
    hint(Tr, C::MarkDone, &[Key::ctrl('d')], Action::CompleteAction, "mark the selected action done (saved in its record)", "done"),
    hint(Tr, C::MarkCancelled, &[Key::ctrl('x')], Action::CancelAction, "mark the selected action cancelled (saved in its record)", "cancelled"),
    bind(Tr, C::Reopen, &[Key::ctrl('o')], Action::Reopen, "open the selected action again (saved in its record)"),
    // No status-bar hint: the list's title names its key (· Ctrl-F: all), leaving room for Enter.
    bind(Tr, C::ToggleFilter, &[Key::ctrl('f')], Action::ToggleFilter, "show all actions / only open ones"),
    hint(Tr, C::Read, &[Key::plain(Enter)], Action::Activate, "read the meeting's minutes", "read"),
    hint(Tr, C::Back, &[Key::plain(Esc)], Action::Back, "back to the meetings", "back"),
    hint(Tr, C::Help, &[Key::plain(F(1)), Key::ctrl('k')], Action::Help, "help", "help"),
    hint(Tr, C::Quit, &[Key::ctrl('q'), Key::ctrl('c')], Action::Quit, "quit", "quit"),
];
