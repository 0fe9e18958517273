//! The sections of the minutes, in order. Each writes through [`Writer`], so the same code
//! produces every format. They are given the record as the audience may receive it
//! ([`Record::for_audience`]), so what the adult's copy leaves out is decided in one place
//! and no section can let it back in.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::writer::Writer;
use super::{Audience, Letterhead};
use crate::model::{
    ActionItem, ActionStatus, AgendaItem, Attendance, Attendee, Decision, Feedback,
    FeedbackArrangement, Finding, ItemKind, ItemStatus, MeetingPart, MinutesStatus, NUMBER_GAPS,
    Note, Record, Timestamp, Visibility, WITHHELD, WITHHELD_DETAIL, Withheld,
};
use crate::people::{People, PersonMatch};

/// The record plus the lookups the sections need, built once so that rendering stays linear
/// in the size of the record (no scanning all attendees for every note).
pub(super) struct Context<'r> {
    /// The record as the audience may receive it.
    record: &'r Record,
    audience: Audience,
    /// The marking, organisation and time zone.
    letterhead: &'r Letterhead,
    /// Attendee by initials; `None` where two attendees share initials (then the speaker is
    /// shown as written, since guessing could misattribute a point).
    by_initials: HashMap<&'r str, Option<&'r Attendee>>,
    /// Who a typed name means, for action owners.
    people: People<'r>,
    /// Agenda position (from 1) by key.
    item_numbers: HashMap<&'r str, usize>,
    /// The findings, decisions and actions recorded under each item.
    refs: HashMap<&'r str, Refs>,
    /// What the record holds that this copy leaves out, and the professionals' numbers of
    /// the findings and decisions it keeps (every copy shows the same numbers).
    withheld: Withheld,
    /// This copy contains entries that must not reach the adult.
    marked: bool,
    /// Keys of the agenda items with notes, findings, decisions or actions in the full record
    /// (an item whose notes are all withheld from this copy was still discussed).
    discussed: HashSet<&'r str>,
}

/// Entries recorded under one agenda item.
#[derive(Default)]
struct Refs {
    findings: Vec<usize>,
    decisions: Vec<usize>,
    actions: Vec<u32>,
}

impl Refs {
    fn is_empty(&self) -> bool {
        self.findings.is_empty() && self.decisions.is_empty() && self.actions.is_empty()
    }
}

impl<'r> Context<'r> {
    /// Lookups for `record`, which is already the copy `audience` may receive; `withheld`
    /// says what that copy left out ([`Record::withheld_from`] on the whole record).
    pub(super) fn new(
        record: &'r Record,
        audience: Audience,
        withheld: Withheld,
        letterhead: &'r Letterhead,
    ) -> Self {
        let by_initials = by_initials(&record.attendees);
        let item_numbers = record
            .agenda
            .iter()
            .enumerate()
            .map(|(i, item)| (item.key.as_str(), i + 1))
            .collect();
        let marked = record
            .notes()
            .map(|(_, note)| note.visibility)
            .chain(record.findings.iter().map(|f| f.visibility))
            .chain(record.decisions.iter().map(|d| d.visibility))
            .chain(record.actions.iter().map(|a| a.visibility))
            .any(|visibility| visibility != Visibility::All);
        let mut context = Self {
            record,
            audience,
            letterhead,
            people: People::new(&record.attendees).with_chair(&record.meeting.chair),
            by_initials,
            item_numbers,
            refs: HashMap::new(),
            withheld,
            marked,
            discussed: HashSet::new(),
        };
        context.refs = context.build_refs();
        context.discussed = discussed_items(record);
        context
    }

    /// The same context, judging which agenda items were discussed from `original`, the full
    /// record this copy was made from.
    pub(super) fn discussed_in(mut self, original: &'r Record) -> Self {
        self.discussed = discussed_items(original);
        self
    }

    fn build_refs(&self) -> HashMap<&'r str, Refs> {
        let record = self.record;
        let mut refs: HashMap<&str, Refs> = HashMap::new();
        for (i, finding) in record.findings.iter().enumerate() {
            let entry = refs.entry(finding.agenda_key.as_str()).or_default();
            entry.findings.push(self.finding_number(i));
        }
        for (i, decision) in record.decisions.iter().enumerate() {
            let entry = refs.entry(decision.agenda_key.as_str()).or_default();
            entry.decisions.push(self.decision_number(i));
        }
        for action in &record.actions {
            let entry = refs.entry(action.agenda_key.as_str()).or_default();
            entry.actions.push(action.id);
        }
        refs
    }

    /// The professionals' number of the finding at `index` in this copy.
    fn finding_number(&self, index: usize) -> usize {
        self.withheld
            .finding_numbers
            .get(index)
            .copied()
            .unwrap_or(index + 1)
    }

    /// The professionals' number of the decision at `index` in this copy.
    fn decision_number(&self, index: usize) -> usize {
        self.withheld
            .decision_numbers
            .get(index)
            .copied()
            .unwrap_or(index + 1)
    }

    /// The visible mark for an entry that must not reach the adult (professionals' copy only).
    fn tag(w: &Writer, visibility: Visibility) -> Option<String> {
        match visibility {
            Visibility::All => None,
            Visibility::ProfessionalsOnly => Some(w.strong("[PART 1 - PROFESSIONALS ONLY]")),
            Visibility::Restricted => Some(w.strong("[RESTRICTED]")),
        }
    }

    /// The one attendee an action's owner names (initials, a first name, "the GP"), if
    /// exactly one ([`People::match_phrase`]) and named in the attendance list.
    fn owner(&self, typed: &str) -> Option<&'r Attendee> {
        match self.people.match_phrase(typed) {
            PersonMatch::One(index) => self
                .record
                .attendees
                .get(index)
                .filter(|attendee| !attendee.name.trim().is_empty()),
            _ => None,
        }
    }

    /// "JS (Police)" when the speaker is one attendee's initials, else the speaker as written.
    fn speaker(&self, speaker: &str) -> String {
        let speaker = speaker.trim();
        if let Some(Some(attendee)) = self.by_initials.get(speaker) {
            return attendee.attribution();
        }
        speaker.to_owned()
    }

    /// `at` as `HH:MM` on the council's clock.
    fn time(&self, at: &Timestamp) -> String {
        self.letterhead.zone.hm(at)
    }

    /// `at` as `23 Nov 2026 10:02` on the council's clock.
    fn stamp(&self, at: &Timestamp) -> String {
        self.letterhead
            .zone
            .local(at)
            .format("%-d %b %Y %H:%M")
            .to_string()
    }

    /// The time of `at` in the meeting, on the council's clock; `None` when it is on another
    /// day there (typed up afterwards), which is no time in the meeting.
    fn meeting_time(&self, at: &Timestamp) -> Option<String> {
        (self.letterhead.zone.date(at) == self.record.meeting.date).then(|| self.time(at))
    }

    /// The agenda position and item for a key, if it is on the agenda.
    fn item(&self, key: &str) -> Option<(usize, &'r AgendaItem)> {
        let number = *self.item_numbers.get(key)?;
        Some((number, self.record.agenda.get(number - 1)?))
    }

    /// Whether the agenda has an item of this kind, which makes its section required.
    fn agenda_has(&self, kind: ItemKind) -> bool {
        self.record.agenda.iter().any(|item| item.kind == kind)
    }
}

/// Keys of the agenda items of `record` with notes, findings, decisions or actions.
fn discussed_items(record: &Record) -> HashSet<&str> {
    let with_notes = record
        .agenda
        .iter()
        .filter(|item| !item.notes.is_empty())
        .map(|item| item.key.as_str());
    let keys = record.findings.iter().map(|f| f.agenda_key.as_str());
    let keys = keys.chain(record.decisions.iter().map(|d| d.agenda_key.as_str()));
    let keys = keys.chain(record.actions.iter().map(|a| a.agenda_key.as_str()));
    with_notes.chain(keys).collect()
}

/// Writes the whole document.
pub(super) fn write_minutes(cx: &Context<'_>, w: &mut Writer) {
    header(cx, w);
    notices(cx, w);
    attendance(cx, w);
    adult(cx, w);
    agenda(cx, w);
    findings(cx, w);
    decisions(cx, w);
    actions(cx, w);
    outcomes(cx, w);
    plan(cx, w);
    feedback(cx, w);
    review(cx, w);
    circulation(cx, w);
}

const NOT_RECORDED: &str = "Not recorded";

/// What minutes written after the meeting's day say ([`Meeting::typed_up_at`]).
///
/// [`Meeting::typed_up_at`]: crate::model::Meeting::typed_up_at
const TYPED_UP: &str = "These minutes were typed up after the meeting from notes.";

fn not_recorded(w: &Writer) -> String {
    w.emphasis(NOT_RECORDED)
}

/// User text, or "Not recorded" when blank.
fn or_missing(w: &Writer, text: &str) -> String {
    if text.trim().is_empty() {
        not_recorded(w)
    } else {
        w.user(text)
    }
}

/// A label, or "Not recorded".
fn label_or_missing<T: std::fmt::Display>(w: &Writer, value: Option<T>) -> String {
    value.map_or_else(|| not_recorded(w), |value| value.to_string())
}

fn yes_no(w: &Writer, value: Option<bool>) -> String {
    match value {
        Some(true) => "Yes".to_owned(),
        Some(false) => "No".to_owned(),
        None => not_recorded(w),
    }
}

fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

fn short_date(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// "case-conference" -> "Case conference": the type's key made readable. The renderer does
/// not look templates up, so it works for user templates and for records of unknown types.
fn type_name(key: &str) -> String {
    let words = key.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// "Part 2 only (with the adult)" for someone who attended one part of a two-part meeting;
/// `None` for the whole meeting (no parts, or both).
fn parts_text(parts: &[MeetingPart]) -> Option<String> {
    let one = |part: MeetingPart| parts.contains(&part);
    match (
        one(MeetingPart::ProfessionalsOnly),
        one(MeetingPart::WithAdult),
    ) {
        (true, false) => Some("Part 1 only (professionals only)".to_owned()),
        (false, true) => Some("Part 2 only (with the adult)".to_owned()),
        _ => None,
    }
}

/// The person and time of the latest change to `status`.
fn status_change(cx: &Context<'_>, w: &Writer, status: MinutesStatus) -> String {
    cx.record
        .meeting
        .status_history
        .iter()
        .rev()
        .find(|change| change.status == status)
        .map_or_else(
            || not_recorded(w),
            |change| {
                let by = if change.by.trim().is_empty() {
                    not_recorded(w)
                } else {
                    w.user(&change.by)
                };
                format!("{by}, {}", cx.stamp(&change.at))
            },
        )
}

fn header(cx: &Context<'_>, w: &mut Writer) {
    let record = cx.record;
    let meeting = &record.meeting;
    let banner = cx.letterhead.banner(record);
    if !banner.is_empty() {
        w.banner(&banner);
    }
    if let Some(organisation) = &cx.letterhead.organisation {
        w.banner(organisation);
    }
    let title = if meeting.title.trim().is_empty() {
        "Minutes".to_owned()
    } else {
        w.user(&meeting.title)
    };
    w.heading(1, &title);
    let copy = match cx.audience {
        Audience::Professionals => "Professionals' copy",
        Audience::Adult => "Copy for the adult or their representative",
        Audience::Part2 => "Copy for those who attended part 2 only",
    };
    let times = match (&meeting.started_at, &meeting.ended_at) {
        (Some(start), Some(end)) => format!("{} to {}", cx.time(start), cx.time(end)),
        (Some(start), None) => format!("Started {}; end {}", cx.time(start), not_recorded(w)),
        (None, Some(end)) => format!("Start {}; ended {}", not_recorded(w), cx.time(end)),
        (None, None) => not_recorded(w),
    };
    let mut fields = vec![
        ("Meeting type", w.user(&type_name(&meeting.meeting_type))),
        ("Date", long_date(meeting.date)),
        ("Time", times),
        ("Venue", or_missing(w, &meeting.location)),
        ("Mode", label_or_missing(w, meeting.mode)),
        ("Chair", or_missing(w, &meeting.chair)),
        ("Minute taker", or_missing(w, &meeting.minute_taker)),
        ("Subject reference", or_missing(w, &meeting.subject_ref)),
        ("Record", w.user(record.short_id())),
        ("Minutes status", meeting.status.label().to_owned()),
    ];
    if matches!(
        meeting.status,
        MinutesStatus::Agreed | MinutesStatus::Circulated
    ) {
        fields.push((
            "Agreed by chair",
            status_change(cx, w, MinutesStatus::Agreed),
        ));
    }
    if meeting.status == MinutesStatus::Circulated {
        fields.push((
            "Circulated",
            status_change(cx, w, MinutesStatus::Circulated),
        ));
    }
    fields.push((
        "Minutes due",
        label_or_missing(w, record.review.minutes_due.map(short_date)),
    ));
    fields.push(("This copy", copy.to_owned()));
    w.fields(&fields);
}

/// What the professionals' copy says of confidentiality after "CONFIDENTIAL.".
const CONFIDENTIAL: &str = "These minutes contain special-category personal data. They are for \
    the purposes of safeguarding only and must not be shared, copied or passed on without the \
    chair's permission. They are a summary of the discussion, not a verbatim record.";

/// What the adult's copy says instead: the minutes are theirs (`004` section 6.1: shared with
/// the adult, and with another person with their permission; the adult can raise what they
/// disagree with).
const CONFIDENTIAL_ADULT: &str = "These are the minutes of the safeguarding meeting about you, \
    for you to keep. They hold personal information about you and about other people, so keep \
    them somewhere safe. You may show them to someone you trust who helps you, such as a family \
    member, friend or advocate; think carefully before sharing them more widely, as they name \
    other people. They are a summary of the discussion, not a verbatim record. If you think \
    anything in them is wrong, or you disagree with the decisions or the plan, tell the chair \
    or the contact named under Feedback.";

/// What the part-2 copy says of itself before [`CONFIDENTIAL`].
const PART_2_ONLY: &str = "This copy covers part 2 of the meeting, which you attended; part 1, \
    held between professionals only, is not included.";

fn notices(cx: &Context<'_>, w: &mut Writer) {
    let marking = cx.letterhead.marking.replace(['\n', '\r'], " ");
    let marking = match marking.trim() {
        "" => String::new(),
        marking => format!("{} ", w.strong(&format!("{}.", w.cell(marking)))),
    };
    let statement = match cx.audience {
        Audience::Professionals => CONFIDENTIAL.to_owned(),
        Audience::Adult => CONFIDENTIAL_ADULT.to_owned(),
        Audience::Part2 => format!("{PART_2_ONLY} {CONFIDENTIAL}"),
    };
    w.quote(&format!("{marking}{statement}"));
    if cx.record.meeting.typed_up_at.is_some() {
        w.paragraph(&w.strong(TYPED_UP));
    }
    match cx.audience {
        Audience::Adult | Audience::Part2 if cx.withheld.any() => {
            let notice = format!(
                "{} {WITHHELD_DETAIL} Left out: {}.",
                w.strong(WITHHELD),
                cx.withheld.kinds().join("; ")
            );
            w.paragraph(&notice);
            if cx.withheld.gaps {
                w.paragraph(NUMBER_GAPS);
            }
        }
        Audience::Professionals if cx.marked => {
            let notice = format!(
                "{} It includes entries marked [PART 1 - PROFESSIONALS ONLY] or [RESTRICTED]. \
                 Do not share it with the adult or their representative, or with anyone who \
                 attended part 2 only: send them the adult's copy or the part-2 copy, which \
                 leave those entries out.",
                w.strong("This copy is for professionals only.")
            );
            w.paragraph(&notice);
        }
        _ => {}
    }
}

/// Role, with the adult and their representatives called out.
fn role_text(w: &Writer, attendee: &Attendee) -> String {
    let mut role = w.cell(&attendee.role);
    let mut add = |extra: String| {
        if !role.is_empty() {
            role.push(' ');
        }
        role.push_str(&extra);
    };
    if attendee.is_adult {
        add("(the adult)".to_owned());
    }
    if attendee.is_representative {
        add(match attendee.representative_kind {
            Some(kind) => format!("(representing the adult: {})", kind.label()),
            None => "(representing the adult)".to_owned(),
        });
    }
    role
}

fn attendance(cx: &Context<'_>, w: &mut Writer) {
    let attendees = &cx.record.attendees;
    w.heading(2, "Attendance");
    if attendees.is_empty() {
        w.paragraph(&not_recorded(w));
        return;
    }
    let with_contact = attendees.iter().any(|a| !a.contact.trim().is_empty());
    let mut headers = vec!["Name", "Initials", "Role", "Agency", "Attendance"];
    if with_contact {
        headers.push("Contact");
    }
    let row = |attendee: &Attendee, attendance: String| {
        let mut row = vec![
            w.cell(&attendee.name),
            w.cell(&attendee.initials),
            role_text(w, attendee),
            w.cell(&attendee.agency),
            attendance,
        ];
        if with_contact {
            row.push(w.cell(&attendee.contact));
        }
        row
    };
    let present: Vec<Vec<String>> = attendees
        .iter()
        .filter(|a| a.attendance == Attendance::Present)
        .map(|a| {
            let mut detail = vec![Attendance::Present.label().to_owned()];
            if let Some(joined) = a.joined_at {
                detail.push(format!("joined {}", joined.format("%H:%M")));
            }
            if let Some(left) = a.left_at {
                detail.push(format!("left {}", left.format("%H:%M")));
            }
            if let Some(parts) = parts_text(&a.parts) {
                detail.push(parts);
            }
            row(a, detail.join("; "))
        })
        .collect();
    let absent: Vec<Vec<String>> = attendees
        .iter()
        .filter(|a| a.attendance != Attendance::Present)
        .map(|a| row(a, a.attendance.label().to_owned()))
        .collect();
    w.heading(3, "Present");
    if present.is_empty() {
        w.paragraph(&w.emphasis("Nobody is recorded as present."));
    } else {
        w.table(&headers, &present);
    }
    if !absent.is_empty() {
        w.heading(3, "Apologies, absence and written contributions");
        w.table(&headers, &absent);
    }
}

fn adult(cx: &Context<'_>, w: &mut Writer) {
    let adult = &cx.record.adult_participation;
    w.heading(2, "The adult's participation and views");
    let mut fields = vec![("Attended", yes_no(w, adult.attended))];
    match adult.attended {
        Some(true) => {
            if let Some(parts) = parts_text(&adult.parts_attended) {
                fields.push(("Parts attended", parts));
            }
        }
        Some(false) => fields.push((
            "Reason for not attending",
            or_missing(w, &adult.reason_not_attended),
        )),
        None => {}
    }
    let representatives: Vec<String> = cx
        .record
        .attendees
        .iter()
        .filter(|a| a.is_representative)
        .map(|a| {
            let mut text = w.user(&a.name);
            if let Some(kind) = a.representative_kind {
                text.push_str(&format!(", {}", kind.label()));
            }
            if !a.agency.trim().is_empty() {
                text.push_str(&format!(", {}", w.user(&a.agency)));
            }
            text.push_str(&format!(" ({})", a.attendance.label()));
            text
        })
        .collect();
    if !representatives.is_empty() {
        fields.push(("Representative", representatives.join("\n")));
    }
    let views_given = if adult.views_given.is_empty() {
        not_recorded(w)
    } else {
        let labels: Vec<&str> = adult.views_given.iter().map(|v| v.label()).collect();
        labels.join("; ")
    };
    fields.push(("Views given", views_given));
    fields.push(("Views and wishes", or_missing(w, &adult.views)));
    fields.push(("Lacked capacity", label_or_missing(w, adult.capacity)));
    if adult.capacity == Some(crate::model::MentalCapacity::LackedCapacity) {
        fields.push((
            "Supported by advocate, family or friend",
            yes_no(w, adult.capacity_supported),
        ));
        let decider = match adult.best_interests_decider {
            Some(decider) if adult.best_interests_name.trim().is_empty() => {
                decider.label().to_owned()
            }
            Some(decider) => format!(
                "{} ({})",
                w.user(&adult.best_interests_name),
                decider.label()
            ),
            None => not_recorded(w),
        };
        fields.push(("Best-interests decision maker", decider));
    } else if let Some(decider) = adult.best_interests_decider {
        let name = w.user(&adult.best_interests_name);
        fields.push((
            "Best-interests decision maker",
            if name.is_empty() {
                decider.label().to_owned()
            } else {
                format!("{name} ({})", decider.label())
            },
        ));
    }
    fields.push((
        "Asked about desired outcomes",
        label_or_missing(w, adult.msp_asked),
    ));
    if !adult.desired_outcomes.is_empty() || adult.outcomes_achieved.is_some() {
        fields.push((
            "Outcomes achieved overall",
            label_or_missing(w, adult.outcomes_achieved),
        ));
    }
    w.fields(&fields);
    if !adult.desired_outcomes.is_empty() {
        w.heading(3, "Desired outcomes");
        let rows: Vec<Vec<String>> = adult
            .desired_outcomes
            .iter()
            .map(|outcome| vec![w.cell(&outcome.text), label_or_missing(w, outcome.achieved)])
            .collect();
        w.table(&["Outcome, in the adult's words", "Achieved"], &rows);
    }
}

fn agenda(cx: &Context<'_>, w: &mut Writer) {
    if cx.record.agenda.is_empty() {
        return;
    }
    w.heading(2, "Discussion");
    let empty = Refs::default();
    let (mut not_discussed, mut not_applicable) = (Vec::new(), Vec::new());
    for (i, item) in cx.record.agenda.iter().enumerate() {
        // An item with nothing recorded under it is listed once at the end, not printed with
        // its workflow; one closed as done keeps its heading, saying no notes were recorded.
        if !cx.discussed.contains(item.key.as_str()) && item.status != ItemStatus::Done {
            let entry = format!("{}. {}", i + 1, w.user(&item.title).replace('\n', " "));
            if item.status == ItemStatus::NotApplicable {
                not_applicable.push(entry);
            } else {
                not_discussed.push(entry);
            }
            continue;
        }
        agenda_item(
            cx,
            w,
            i + 1,
            item,
            cx.refs.get(item.key.as_str()).unwrap_or(&empty),
        );
    }
    for (label, items) in [
        ("Not discussed:", not_discussed),
        ("Not applicable:", not_applicable),
    ] {
        if !items.is_empty() {
            w.paragraph(&format!("{} {}.", w.strong(label), items.join("; ")));
        }
    }
}

fn agenda_item(cx: &Context<'_>, w: &mut Writer, number: usize, item: &AgendaItem, refs: &Refs) {
    // The item's workflow (its status, when it was opened and closed) is the minute taker's,
    // not the minutes': circulated copies leave it out.
    w.heading(3, &format!("{number}. {}", w.user(&item.title)));
    let notes: Vec<String> = item
        .notes
        .iter()
        .map(|note| note_line(cx, w, note))
        .collect();
    let withheld = cx.withheld.items.contains(&item.key);
    if withheld {
        let text = if notes.is_empty() {
            "Notes on this item are not in your copy."
        } else {
            "Some notes on this item are not in your copy."
        };
        w.paragraph(&w.emphasis(text));
    } else if notes.is_empty() && refs.is_empty() {
        w.paragraph(&w.emphasis("No notes recorded."));
    }
    w.bullets(&notes);
    if !refs.is_empty() {
        let mut parts = Vec::new();
        let list = |numbers: &[String]| numbers.join(", ");
        let numbered = |one: &str, many: &str, numbers: Vec<String>| {
            let noun = if numbers.len() == 1 { one } else { many };
            format!("{noun} {}", list(&numbers))
        };
        if !refs.findings.is_empty() {
            let numbers = refs.findings.iter().map(ToString::to_string).collect();
            parts.push(numbered("finding", "findings", numbers));
        }
        if !refs.decisions.is_empty() {
            let numbers = refs.decisions.iter().map(ToString::to_string).collect();
            parts.push(numbered("decision", "decisions", numbers));
        }
        if !refs.actions.is_empty() {
            let numbers = refs.actions.iter().map(ToString::to_string).collect();
            parts.push(numbered("action", "actions", numbers));
        }
        let text = format!("Recorded under this item: {}.", parts.join("; "));
        w.paragraph(&w.emphasis(&text));
    }
}

fn note_line(cx: &Context<'_>, w: &Writer, note: &Note) -> String {
    let mut line = cx
        .meeting_time(&note.at)
        .map_or_else(String::new, |t| w.strong(&t));
    if let Some(tag) = Context::tag(w, note.visibility) {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&tag);
    }
    if let Some(speaker) = note.speaker.as_deref().filter(|s| !s.trim().is_empty()) {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&w.user(&cx.speaker(speaker)));
        line.push(':');
    }
    let text = w.user(&note.text);
    if !text.is_empty() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&text);
    }
    line
}

/// "4. Title" for where an entry was recorded, or "Not recorded".
fn recorded_under(cx: &Context<'_>, w: &Writer, key: &str) -> String {
    cx.item(key).map_or_else(
        || not_recorded(w),
        |(number, item)| format!("{number}. {}", w.cell(&item.title)),
    )
}

fn findings(cx: &Context<'_>, w: &mut Writer) {
    let visible: Vec<(usize, &Finding)> = cx
        .record
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| (cx.finding_number(i), f))
        .collect();
    if visible.is_empty() && !cx.agenda_has(ItemKind::Findings) {
        return;
    }
    w.heading(2, "Findings");
    if visible.is_empty() {
        w.paragraph(&w.emphasis(if cx.withheld.findings {
            "Findings are not in your copy."
        } else {
            "No findings recorded."
        }));
        return;
    }
    for (number, finding) in visible {
        let mut title = format!("Allegation {number}: {}", w.cell(&finding.allegation));
        if let Some(tag) = Context::tag(w, finding.visibility) {
            title.push(' ');
            title.push_str(&tag);
        }
        w.heading(3, &title);
        let risk_outcome = match (finding.risk_outcome, finding.result) {
            (Some(outcome), _) => outcome.label().to_owned(),
            (None, Some(result)) if !result.risk_identified() => {
                "Not applicable (no risk identified)".to_owned()
            }
            (None, _) => not_recorded(w),
        };
        let rationale = if finding.rationale.trim().is_empty() {
            not_recorded(w)
        } else {
            w.cell(&finding.rationale)
        };
        let rows = vec![
            vec![
                "Type of risk".to_owned(),
                label_or_missing(w, finding.abuse_type),
            ],
            vec![
                "Location of risk".to_owned(),
                label_or_missing(w, finding.location),
            ],
            vec![
                "Source of risk".to_owned(),
                label_or_missing(w, finding.source),
            ],
            vec![
                "Finding (balance of probabilities)".to_owned(),
                label_or_missing(w, finding.finding),
            ],
            vec![
                "Action and result".to_owned(),
                label_or_missing(w, finding.result),
            ],
            vec!["Risk outcome".to_owned(), risk_outcome],
            vec!["Rationale".to_owned(), rationale],
            vec![
                "Recorded under".to_owned(),
                recorded_under(cx, w, &finding.agenda_key),
            ],
        ];
        w.table(&["Question", "Answer"], &rows);
    }
}

fn decisions(cx: &Context<'_>, w: &mut Writer) {
    let visible: Vec<(usize, &Decision)> = cx
        .record
        .decisions
        .iter()
        .enumerate()
        .map(|(i, d)| (cx.decision_number(i), d))
        .collect();
    if visible.is_empty() && !cx.agenda_has(ItemKind::Decisions) {
        return;
    }
    w.heading(2, "Decisions");
    if visible.is_empty() {
        w.paragraph(&w.emphasis(if cx.withheld.decisions {
            "Decisions are not in your copy."
        } else {
            "No decisions recorded."
        }));
        return;
    }
    for (number, decision) in visible {
        let mut title = format!("Decision {number}");
        if let Some(tag) = Context::tag(w, decision.visibility) {
            title.push(' ');
            title.push_str(&tag);
        }
        w.heading(3, &title);
        w.paragraph(&or_missing(w, &decision.text));
        let mut fields = vec![("How it was reached", or_missing(w, &decision.rationale))];
        if let Some(dissent) = &decision.dissent {
            let who = or_missing(w, &dissent.who);
            let text = if dissent.reason.trim().is_empty() {
                format!("{who} disagreed; reason {}", not_recorded(w))
            } else {
                format!("{who} disagreed:\n{}", w.user(&dissent.reason))
            };
            fields.push(("Dissent", text));
        }
        let mut under = recorded_under(cx, w, &decision.agenda_key);
        if let Some(at) = cx.meeting_time(&decision.at) {
            under.push_str(&format!(", {at}"));
        }
        fields.push(("Recorded under", under));
        w.fields(&fields);
    }
}

fn action_status(cx: &Context<'_>, w: &Writer, action: &ActionItem) -> String {
    let mut status = action.status.label().to_owned();
    if let (false, Some(at)) = (action.status == ActionStatus::Open, &action.status_at) {
        status.push_str(&format!(" {}", short_date(cx.letterhead.zone.date(at))));
    }
    if !action.status_note.trim().is_empty() {
        status.push_str(": ");
        status.push_str(&w.cell(&action.status_note));
    }
    status
}

fn actions(cx: &Context<'_>, w: &mut Writer) {
    let visible: Vec<&ActionItem> = cx.record.actions.iter().collect();
    if visible.is_empty() && !cx.agenda_has(ItemKind::Actions) {
        return;
    }
    w.heading(2, "Action plan");
    if visible.is_empty() {
        w.paragraph(&w.emphasis(if cx.withheld.actions {
            "Actions are not in your copy."
        } else {
            "No actions recorded."
        }));
        return;
    }
    let rows: Vec<Vec<String>> = visible
        .iter()
        .map(|action| {
            let mut text = String::new();
            if let Some(tag) = Context::tag(w, action.visibility) {
                text.push_str(&tag);
                text.push(' ');
            }
            text.push_str(&or_cell(w, &action.text));
            let owner = cx.owner(&action.owner);
            let agency = if action.agency.trim().is_empty() {
                // An owner typed as initials or a short name: their agency is on the
                // attendance list.
                owner.map_or_else(String::new, |attendee| w.cell(&attendee.agency))
            } else {
                w.cell(&action.agency)
            };
            vec![
                action.id.to_string(),
                text,
                owner_cell(w, &action.owner, owner, &agency),
                if agency.is_empty() {
                    not_recorded(w)
                } else {
                    agency
                },
                label_or_missing(w, action.due.map(short_date)),
                action_status(cx, w, action),
            ]
        })
        .collect();
    w.table(
        &["No.", "Action", "Owner", "Agency", "Due", "Status"],
        &rows,
    );
}

/// Each attendee by their initials, `None` where two share them (so neither is guessed).
pub(super) fn by_initials(attendees: &[Attendee]) -> HashMap<&str, Option<&Attendee>> {
    let mut found: HashMap<&str, Option<&Attendee>> = HashMap::new();
    for attendee in attendees {
        let initials = attendee.initials.trim();
        if !initials.is_empty() {
            found
                .entry(initials)
                .and_modify(|slot| *slot = None)
                .or_insert(Some(attendee));
        }
    }
    found
}

/// The owner named in full, "Priya Raman (Police)", when what was typed names one attendee;
/// the agency is left out when the row's Agency cell already says it. Else the owner as
/// typed (or "Not recorded").
fn owner_cell(w: &Writer, typed: &str, owner: Option<&Attendee>, agency_cell: &str) -> String {
    let Some(attendee) = owner else {
        return or_cell(w, typed);
    };
    let name = w.cell(attendee.name.trim());
    let agency = w.cell(attendee.agency.trim());
    if agency.is_empty() || agency == agency_cell {
        name
    } else {
        format!("{name} ({agency})")
    }
}

/// Cell text, or "Not recorded" when blank.
fn or_cell(w: &Writer, text: &str) -> String {
    if text.trim().is_empty() {
        not_recorded(w)
    } else {
        w.cell(text)
    }
}

fn outcomes(cx: &Context<'_>, w: &mut Writer) {
    // The adult's copy has none about the person alleged to have caused harm
    // (`Record::for_audience`).
    let outcomes = &cx.record.outcomes;
    if outcomes.for_adult.is_empty()
        && outcomes.for_person_causing_harm.is_empty()
        && outcomes.referrals.is_empty()
        && outcomes.other.trim().is_empty()
    {
        return;
    }
    w.heading(2, "Outcomes and referrals");
    if !outcomes.for_adult.is_empty() {
        w.heading(3, "Outcomes for the adult");
        let items: Vec<&str> = outcomes.for_adult.iter().map(|o| o.label()).collect();
        w.bullets(&items);
    }
    if !outcomes.for_person_causing_harm.is_empty() {
        w.heading(3, "Outcomes for the person or organisation causing harm");
        let items: Vec<&str> = outcomes
            .for_person_causing_harm
            .iter()
            .map(|o| o.label())
            .collect();
        w.bullets(&items);
    }
    if !outcomes.other.trim().is_empty() {
        w.fields(&[("Other outcomes", w.user(&outcomes.other))]);
    }
    if !outcomes.referrals.is_empty() {
        w.heading(3, "Referrals");
        let rows: Vec<Vec<String>> = outcomes
            .referrals
            .iter()
            .map(|r| {
                vec![
                    r.kind.label().to_owned(),
                    or_cell(w, &r.by),
                    w.cell(&r.note),
                ]
            })
            .collect();
        w.table(&["Referral to", "Made by", "Note"], &rows);
    }
}

fn plan(cx: &Context<'_>, w: &mut Writer) {
    let plan = &cx.record.plan;
    let empty = plan.summary.trim().is_empty()
        && plan.coordinator.trim().is_empty()
        && plan.monitoring.trim().is_empty()
        && plan.contingencies.is_empty()
        && plan.sharing.trim().is_empty();
    if empty && !cx.agenda_has(ItemKind::Plan) {
        return;
    }
    w.heading(2, "Protection plan");
    if empty {
        w.paragraph(&w.emphasis("No protection plan recorded."));
        return;
    }
    w.fields(&[
        ("Plan", or_missing(w, &plan.summary)),
        ("Coordinator", or_missing(w, &plan.coordinator)),
        ("Monitoring", or_missing(w, &plan.monitoring)),
        ("Shared with", or_missing(w, &plan.sharing)),
    ]);
    w.heading(3, "If the plan does not work");
    if plan.contingencies.iter().all(|c| c.trim().is_empty()) {
        w.paragraph(&not_recorded(w));
    } else {
        let items: Vec<String> = plan
            .contingencies
            .iter()
            .filter(|c| !c.trim().is_empty())
            .map(|c| w.user(c))
            .collect();
        w.bullets(&items);
    }
}

fn feedback(cx: &Context<'_>, w: &mut Writer) {
    let feedback: &Feedback = &cx.record.feedback;
    let given = |a: &FeedbackArrangement| !a.is_empty();
    // Feedback to an adult who was not there is required (`004` section 4.2), so its row
    // always shows, with the gap marked.
    let adult_absent = cx.record.adult_participation.attended != Some(true);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row = |to: String, a: &FeedbackArrangement| {
        let what = if a.what.trim().is_empty() {
            String::new()
        } else {
            w.cell(&a.what)
        };
        rows.push(vec![to, or_cell(w, &a.by), what]);
    };
    if given(&feedback.to_adult) || adult_absent {
        row("The adult".to_owned(), &feedback.to_adult);
    }
    for (to, a) in [
        ("The referrer", &feedback.to_referrer),
        ("Others who need to know", &feedback.to_absent),
    ] {
        if given(a) {
            row(to.to_owned(), a);
        }
    }
    // In the adult's copy there are none (`Record::for_audience`): what concerns the people
    // alleged to have caused harm is the managing officer's to share (`004` section 6.1).
    // Each needs feedback, and who gives it (`004` section 6.2), so their rows always show.
    for (i, person) in feedback.people_causing_harm.iter().enumerate() {
        let who = w.cell(&person.name_or(i + 1));
        let mut to = format!("Person alleged to have caused harm: {who}");
        if !person.best_interests_support.trim().is_empty() {
            to.push_str(&format!(
                " (supported by {}, acting in their best interests)",
                w.cell(&person.best_interests_support)
            ));
        }
        row(to, &person.feedback);
        if person.has_employer() {
            let employer = if person.employer.trim().is_empty() {
                not_recorded(w)
            } else {
                w.cell(&person.employer)
            };
            row(
                format!("Employer of {who}: {employer}"),
                &person.employer_feedback,
            );
        }
    }
    let any = !rows.is_empty() || !feedback.adult_disagreement_contact.trim().is_empty();
    if !any && !cx.agenda_has(ItemKind::Feedback) {
        return;
    }
    w.heading(2, "Feedback");
    if !rows.is_empty() {
        w.table(&["Feedback to", "Given by", "What is said"], &rows);
    }
    w.fields(&[(
        "If the adult disagrees, they contact",
        or_missing(w, &feedback.adult_disagreement_contact),
    )]);
}

fn review(cx: &Context<'_>, w: &mut Writer) {
    let review = &cx.record.review;
    let any = review.review_date.is_some()
        || review.further_conference.is_some()
        || !review.further_conference_reason.trim().is_empty();
    if !any && !cx.agenda_has(ItemKind::Review) {
        return;
    }
    w.heading(2, "Review");
    let mut fields = vec![
        (
            "Review date",
            label_or_missing(w, review.review_date.map(long_date)),
        ),
        (
            "Further case conference",
            yes_no(w, review.further_conference),
        ),
    ];
    if !review.further_conference_reason.trim().is_empty() {
        fields.push(("Reason", w.user(&review.further_conference_reason)));
    }
    w.fields(&fields);
}

fn circulation(cx: &Context<'_>, w: &mut Writer) {
    let circulation = &cx.record.review.circulation;
    w.heading(2, "Circulation");
    if circulation.is_empty() {
        w.paragraph(&not_recorded(w));
        return;
    }
    let rows: Vec<Vec<String>> = circulation
        .iter()
        .map(|r| vec![w.cell(&r.name), w.cell(&r.agency)])
        .collect();
    w.table(&["Name", "Agency"], &rows);
}
