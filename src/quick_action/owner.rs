//! Who owns a quick action: someone named at the start of the line and joined to the action
//! (`Tom to`, `ŁN:`, `the home will`, `Dr Hughes agreed to`), in a trailing `(owner: JS)`, or
//! in `to be sent by the GP`. Names are matched by [`crate::people`]; owner words that name
//! nobody at the meeting are kept as typed and reported as a miss.

use std::ops::Range;

use super::{TRAILING, Word, join_raw};
use crate::people::{self, People, PersonMatch, phrase_key};

/// The owner found in a line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Owner {
    /// The attendee's name, the agency's name, or the owner words as typed.
    pub owner: String,
    /// The attendee's agency, or the agency named by the owner words.
    pub agency: String,
    /// The matched attendee, if exactly one matched.
    pub attendee: Option<usize>,
    /// The owner words, when they name nobody at the meeting.
    pub miss: Option<String>,
    /// The attendees the owner words name equally well.
    pub ambiguous: Vec<usize>,
}

impl Owner {
    /// Owner words naming nobody at the meeting: kept as typed, and shown as a miss.
    fn nobody_here(typed: String, agency: String) -> Self {
        Self {
            miss: Some(typed.clone()),
            owner: typed,
            agency,
            attendee: None,
            ambiguous: Vec::new(),
        }
    }
}

/// An owner found in the line, and the words that named them (to leave out of the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    /// The words to leave out of the text: the owner and what joins them to the action. Empty
    /// when the owner is one of several named together (`Tom and Zoë to agree...`), whose
    /// names all stay.
    pub remove: Range<usize>,
    /// Who.
    pub owner: Owner,
}

/// Owners recognised with no attendee to match: agencies (the owner words also give the
/// agency) and roles usually written as the owner of an action.
const KNOWN_AGENCIES: &[&str] = &[
    "police",
    "gp",
    "nhs",
    "nhs trust",
    "icb",
    "cqc",
    "housing",
    "probation",
    "ambulance service",
    "fire service",
    "adult social care",
    "asc",
    "local authority",
    "cmht",
    "dwp",
    "trading standards",
];
const KNOWN_ROLES: &[&str] = &[
    "sw",
    "social worker",
    "chair",
    "cpn",
    "ot",
    "io",
    "dn",
    "advocate",
];

/// Words that start a line but are not an owner, though `<word> to ...` follows: verbs taking
/// "to" (`Write to GP`) and nouns (`Letter to family`, `Referral to be made`).
const NOT_OWNER_START: &[&str] = &[
    "write",
    "send",
    "refer",
    "speak",
    "talk",
    "report",
    "give",
    "pass",
    "provide",
    "forward",
    "email",
    "copy",
    "return",
    "go",
    "explain",
    "introduce",
    "add",
    "escalate",
    "invite",
    "present",
    "respond",
    "reply",
    "apply",
    "submit",
    "circulate",
    "link",
    "move",
    "sign",
    "signpost",
    "transfer",
    "take",
    "bring",
    "make",
    "get",
    "listen",
    "agree",
    "attend",
    "show",
    "read",
    "post",
    "ring",
    "phone",
    "call",
    "mention",
    "reach",
    "hand",
    "admit",
    "discharge",
    "letter",
    "referral",
    "response",
    "update",
    "visit",
    "invitation",
    "feedback",
    "apology",
    "request",
    "access",
    "changes",
    "minutes",
    "plan",
    "notification",
    "note",
    "answer",
    "due",
    "need",
    "needs",
    "up",
    "how",
    "what",
    "when",
    "where",
    "who",
    "why",
    "whether",
    "ask",
    "try",
    "remember",
    "continue",
    "decision",
    "agreed",
    "unable",
    "able",
    "wish",
    "wishes",
    "want",
    "wants",
    "plans",
    "nothing",
    "everyone",
    "all",
    "both",
    "someone",
    "somebody",
];

/// Words that cannot be part of an owner in `<owner> to <verb>`.
const NOT_OWNER_WORD: &[&str] = &[
    "a", "an", "and", "or", "this", "that", "it", "we", "i", "you", "they", "please", "by", "on",
    "before", "within", "in", "with", "for", "of", "from", "about", "to", "is", "are", "was", "be",
    "not", "also",
];

/// Words after `to` that show it is not `<owner> to <verb>` (`Write to the family`).
const NOT_VERB: &[&str] = &[
    "the", "a", "an", "her", "his", "their", "them", "him", "me", "us", "all", "each", "any",
    "every", "my", "our", "your", "its", "this", "that", "these", "those", "mrs", "mr", "ms",
    "miss", "dr", "be", "date",
];

/// Words that end an owner made of an agency and a role: `Police officer`, `GP practice
/// manager`, `Oakwood staff`.
const ROLE_NOUNS: &[&str] = &[
    "officer",
    "officers",
    "manager",
    "managers",
    "lead",
    "worker",
    "workers",
    "nurse",
    "nurses",
    "staff",
    "colleague",
    "colleagues",
    "rep",
    "representative",
    "liaison",
    "coordinator",
    "co-ordinator",
    "sergeant",
    "inspector",
    "admin",
    "reception",
    "receptionist",
    "safeguarding",
    "director",
    "matron",
    "doctor",
    "consultant",
];

/// Words after an agency's name that still name the agency (`Oakwood Care Home`, `Riverside
/// surgery`, `the police team`).
const AGENCY_WORDS: &[&str] = &[
    "home",
    "homes",
    "care",
    "ltd",
    "limited",
    "trust",
    "nhs",
    "hospital",
    "surgery",
    "practice",
    "medical",
    "centre",
    "services",
    "service",
    "team",
    "unit",
    "department",
    "council",
    "house",
    "group",
    "police",
    "constabulary",
    "provider",
    "agency",
];

/// Labels written before an action that are not part of it: `Action:`, `ACTION -`.
const LABELS: &[&str] = &["action", "actions", "ap", "todo", "task"];

/// How many words an owner's name may take.
const MAX_OWNER_WORDS: usize = 5;

/// How far into the line `<owner> to` may reach for an owner who is not an attendee.
const MAX_TYPED_OWNER_WORDS: usize = 4;

/// How many words `Action:` takes at the start of the line.
pub(super) fn label_words(words: &[Word]) -> usize {
    let Some(first) = words.first() else {
        return 0;
    };
    let is_label = LABELS.contains(&first.key.as_str())
        || (first.key == "action" && words.get(1).is_some_and(|w| w.key == "point"));
    if !is_label {
        return 0;
    }
    let label = if first.key == "action" && words.get(1).is_some_and(|w| w.key == "point") {
        2
    } else {
        1
    };
    let last = &words[label - 1];
    if last.raw.ends_with(':') {
        label
    } else if words.get(label).is_some_and(|w| is_dash(&w.raw)) {
        label + 1
    } else {
        0
    }
}

fn is_dash(raw: &str) -> bool {
    matches!(raw, "-" | "–" | "—" | ":" | "--")
}

/// The owner named in the line, if any: someone at the meeting at the start, at the end (`-
/// Tom`, `(Tom)`) or after `be <done> by`; failing that, owner words naming nobody here.
pub(super) fn find(words: &[Word], people: &People<'_>) -> Option<Found> {
    leading(words, people)
        .or_else(|| trailing(words, people))
        .or_else(|| passive(words, people))
        .or_else(|| typed_owner(words))
        .or_else(|| known_owner(words))
}

/// The person keys of `words`.
fn name_keys(words: &[Word]) -> Vec<&str> {
    words.iter().map(|w| w.name.as_str()).collect()
}

/// Someone at the meeting named at the start of the line and joined to the action, perhaps
/// as someone's (`Mrs A's daughter to bring...`).
fn leading(words: &[Word], people: &People<'_>) -> Option<Found> {
    let keys = name_keys(words);
    if let Some((named, found)) = people.match_start(&keys, MAX_OWNER_WORDS) {
        return leading_from(words, 0, named, found, people);
    }
    let possessive = (0..words.len().min(3))
        .find(|&i| words[i].raw.ends_with("'s") || words[i].raw.ends_with("’s"))?;
    let start = possessive + 1;
    let (named, found) = people.match_start(&keys[start..], MAX_OWNER_WORDS)?;
    leading_from(words, start, start + named, found, people)
}

/// The owner `found` in `words[start..named]`, if what follows joins them to the action.
fn leading_from(
    words: &[Word],
    start: usize,
    named: usize,
    found: PersonMatch,
    people: &People<'_>,
) -> Option<Found> {
    let typed = typed(&words[start..named]);
    let mut after = named;
    let mut found = found;
    // `Tom (GP) to...`: the bracket says who they are; it is part of the owner, and settles
    // which of several it is (`Hughes (GP)`).
    if words.get(after).is_some_and(|w| w.raw.starts_with('('))
        && let Some(close) = (after..words.len().min(after + 4))
            .find(|&i| words[i].raw.trim_end_matches([':', ',']).ends_with(')'))
    {
        let inside = join_raw(&words[after..=close]);
        let inside = inside
            .trim_start_matches('(')
            .trim_end_matches([':', ',', ')']);
        if let PersonMatch::Ambiguous(several) = &found {
            let named_inside = match people.match_phrase(inside) {
                PersonMatch::Ambiguous(these) => these,
                other => other.attendee().into_iter().collect(),
            };
            if let [one] = several
                .iter()
                .filter(|i| named_inside.contains(i))
                .collect::<Vec<_>>()
                .as_slice()
            {
                found = PersonMatch::One(**one);
            }
        }
        after = close + 1;
    }
    let last_raw = words.get(after - 1).map_or("", |w| w.raw.as_str());
    // `Tom and Zoë to agree...`: the first named owns it; every name stays in the text.
    if joins_another(words.get(after), last_raw)
        && (after..words.len().min(after + 8)).any(|i| connector(words, i).is_some())
    {
        return Some(Found {
            remove: 0..0,
            owner: owner_of(&found, &typed, people),
        });
    }
    let joined = if last_raw.ends_with(':') {
        Some(then_to(words, after))
    } else {
        connector(words, after)
    };
    if start > 0 && joined.is_none() {
        return None;
    }
    let joined = joined.or_else(|| {
        // `JS chase GP records`, `Tom please send`: a verb straight after the owner.
        let please = usize::from(words.get(after)?.key == "please");
        is_action_verb(words.get(after + please)?).then_some(0)
    });
    match joined {
        Some(used) => Some(Found {
            remove: 0..after + used,
            owner: owner_of(&found, &typed, people),
        }),
        None => someone_from_agency(words, named, &found, people),
    }
}

/// Whether the owner is one of several: `Tom and Zoë`, `Tom, Zoë and Chen`, `Tom with Zoë`.
fn joins_another(next: Option<&Word>, last_raw: &str) -> bool {
    last_raw.ends_with([',', '/', '&'])
        || last_raw.contains('/')
        || next.is_some_and(|w| matches!(w.key.as_str(), "and" | "&" | "+" | "with" | "plus"))
}

/// What joins an owner to the action at `at`, and how many words: `to`, `will`, `agreed to`,
/// `is to`, `needs to`, `:`, `-`. The verb after it must look like one.
fn connector(words: &[Word], at: usize) -> Option<usize> {
    let key = |i: usize| words.get(at + i).map_or("", |w| w.key.as_str());
    let verb_at = |i: usize| words.get(at + i).is_some_and(looks_like_verb);
    let raw = words.get(at).map_or("", |w| w.raw.as_str());
    if is_dash(raw) {
        return Some(1 + then_to(words, at + 1));
    }
    let used = match (key(0), key(1), key(2)) {
        ("has" | "have", "agreed", "to") | ("is" | "are", "going", "to") => 3,
        ("agreed" | "agrees" | "agree", "to", _)
        | ("is" | "are" | "needs" | "need" | "has" | "have", "to", _) => 2,
        ("to" | "will" | "should" | "must" | "shall" | "can" | "would" | "could", _, _) => 1,
        _ => return None,
    };
    verb_at(used).then_some(used)
}

/// 1 when `to <verb>` follows a dash or colon (`Tom - to send`), else 0.
fn then_to(words: &[Word], at: usize) -> usize {
    let to = words.get(at).is_some_and(|w| w.key == "to");
    usize::from(to && words.get(at + 1).is_some_and(looks_like_verb))
}

/// Whether a word may be the verb of `<owner> to <verb>`.
fn looks_like_verb(word: &Word) -> bool {
    let lower = word.raw.chars().next().is_some_and(char::is_lowercase);
    is_action_verb(word) || (lower && !NOT_VERB.contains(&word.key.as_str()))
}

fn is_action_verb(word: &Word) -> bool {
    people::is_action_verb(&word.key)
}

/// `Oakwood Care Home to`, `Riverside surgery to`: an agency named with more of its kind's
/// words than its attendees' records spell; `Police officer to attend`, `GP practice manager to
/// send`, `Oakwood staff to`: someone from an attendee's agency, not necessarily the attendee,
/// so the words are the owner and only the agency is taken from the attendee (or the attendee,
/// when their role is the one named).
fn someone_from_agency(
    words: &[Word],
    named: usize,
    found: &PersonMatch,
    people: &People<'_>,
) -> Option<Found> {
    let PersonMatch::Agency { name, index } = found else {
        return None;
    };
    let is = |list: &[&str], w: &Word| list.contains(&w.key.as_str()) || w.key.ends_with("'s");
    let (to, used) = (named + 1..=named + 3).find_map(|i| {
        let extra = words.get(named..i)?;
        let all_ok = extra
            .iter()
            .all(|w| is(ROLE_NOUNS, w) || is(AGENCY_WORDS, w));
        Some((i, connector(words, i)?)).filter(|_| all_ok)
    })?;
    let extra = &words[named..to];
    if extra.iter().all(|w| is(AGENCY_WORDS, w)) {
        return Some(Found {
            remove: 0..to + used,
            owner: owner_of(found, &typed(&words[..named]), people),
        });
    }
    let typed = typed(&words[..to]);
    let role_named = index.and_then(|i| {
        let role = phrase_key(&people.attendees().get(i)?.role);
        extra.iter().any(|w| role.contains(&w.name)).then_some(i)
    });
    let owner = match role_named {
        Some(i) => owner_of(&PersonMatch::One(i), &typed, people),
        None => Owner::nobody_here(typed, name.clone()),
    };
    Some(Found {
        remove: 0..to + used,
        owner,
    })
}

/// `<Word(s)> to <verb> ...` naming nobody at the meeting: `Social worker to visit`, `Ms
/// Bello to call` with no Bello there.
fn typed_owner(words: &[Word]) -> Option<Found> {
    let (to, used) = (1..=MAX_TYPED_OWNER_WORDS.min(words.len()))
        .find_map(|i| Some((i, connector(words, i)?)))?;
    let owner_words = &words[..to];
    let first = owner_words.first()?;
    let skip_the = usize::from(first.key == "the" && owner_words.len() > 1);
    let looks_like_owner = !NOT_OWNER_START.contains(&first.key.as_str())
        && first.key.chars().next().is_some_and(char::is_alphabetic)
        && owner_words[skip_the..].iter().all(|w| {
            !w.key.is_empty()
                && !w.key.chars().any(char::is_numeric)
                && !NOT_OWNER_WORD.contains(&w.key.as_str())
                && w.key != "the"
        });
    if !looks_like_owner {
        return None;
    }
    let typed = typed(owner_words);
    let agency = known_prefix(&owner_words[skip_the..], KNOWN_AGENCIES)
        .map(|n| join_raw(&owner_words[skip_the..skip_the + n]))
        .map(|a| a.trim_end_matches(TRAILING).to_owned())
        .unwrap_or_default();
    Some(Found {
        remove: 0..to + used,
        owner: Owner::nobody_here(typed, agency),
    })
}

/// A well-known agency or role at the start of the line, with nobody at the meeting from it,
/// joined to the action: `Police: request CCTV`, `SW visit`.
fn known_owner(words: &[Word]) -> Option<Found> {
    let agency = known_prefix(words, KNOWN_AGENCIES);
    let role = known_prefix(words, KNOWN_ROLES);
    let taken = agency.max(role)?;
    let last_raw = words.get(taken - 1).map_or("", |w| w.raw.as_str());
    let used = if last_raw.ends_with(':') {
        0
    } else {
        connector(words, taken)
            .or_else(|| words.get(taken).filter(|w| is_action_verb(w)).map(|_| 0))?
    };
    let typed = typed(&words[..taken]);
    let agency = if agency == Some(taken) {
        typed.clone()
    } else {
        String::new()
    };
    Some(Found {
        remove: 0..taken + used,
        owner: Owner::nobody_here(typed, agency),
    })
}

/// `Referral to be made by the social worker`: someone at the meeting after `be <verb> by`.
fn passive(words: &[Word], people: &People<'_>) -> Option<Found> {
    let keys = name_keys(words);
    (2..words.len()).find_map(|by| {
        let passive = words[by].key == "by"
            && words[by.saturating_sub(6)..by - 1]
                .iter()
                .any(|w| w.key == "be");
        if !passive {
            return None;
        }
        let (named, found) = people.match_start(&keys[by + 1..], MAX_OWNER_WORDS)?;
        let end = by + 1 + named;
        let typed = typed(&words[by + 1..end]);
        Some(Found {
            remove: by..end,
            owner: owner_of(&found, &typed, people),
        })
    })
}

/// How many words the longest entry of `list` at the start of `words` takes.
fn known_prefix(words: &[Word], list: &[&str]) -> Option<usize> {
    list.iter()
        .map(|entry| phrase_key(entry))
        .filter(|entry| {
            entry.len() <= words.len() && words.iter().zip(entry).all(|(w, k)| w.name == *k)
        })
        .map(|entry| entry.len())
        .max()
}

/// The owner words as typed, without the punctuation joining them to the action ("JS:").
fn typed(words: &[Word]) -> String {
    join_raw(words).trim_end_matches(TRAILING).to_owned()
}

/// The owner fields for what the words `typed` named.
fn owner_of(found: &PersonMatch, typed: &str, people: &People<'_>) -> Owner {
    let attendees = people.attendees();
    if let Some(attendee) = found.attendee().and_then(|i| attendees.get(i)) {
        return Owner {
            owner: attendee.name.clone(),
            agency: attendee.agency.clone(),
            attendee: found.attendee(),
            miss: None,
            ambiguous: Vec::new(),
        };
    }
    match found {
        PersonMatch::Agency { name, .. } => Owner {
            owner: name.clone(),
            agency: name.clone(),
            ..Owner::default()
        },
        PersonMatch::Ambiguous(several) => {
            // The agency, when all of them share it.
            let agencies: Vec<&str> = several
                .iter()
                .filter_map(|i| attendees.get(*i))
                .map(|a| a.agency.as_str())
                .collect();
            let shared = agencies
                .split_first()
                .filter(|(first, rest)| rest.iter().all(|a| phrase_key(a) == phrase_key(first)))
                .map(|(first, _)| (*first).to_owned())
                .unwrap_or_default();
            Owner {
                owner: typed.to_owned(),
                agency: shared,
                ambiguous: several.clone(),
                ..Owner::default()
            }
        }
        PersonMatch::One(_) | PersonMatch::NoOne => {
            Owner::nobody_here(typed.to_owned(), String::new())
        }
    }
}

/// The owner named in a trailing `(owner: JS)`: the whole of `typed_owner` must name them.
pub(super) fn match_exact(typed_owner: &str, people: &People<'_>) -> Owner {
    let owner = typed_owner.trim().trim_end_matches(TRAILING);
    let found = people.match_phrase(owner);
    if found == PersonMatch::NoOne {
        let words = Word::split(owner);
        let agency = if known_prefix(&words, KNOWN_AGENCIES) == Some(words.len()) {
            owner.to_owned()
        } else {
            String::new()
        };
        return Owner::nobody_here(owner.to_owned(), agency);
    }
    owner_of(&found, owner, people)
}

/// Someone named at the very end, after a dash or in brackets: `Chase GP records - Tom`,
/// `Book interpreter (ŁN)`. Only someone at the meeting counts, so an ordinary closing bracket
/// stays in the text.
pub(super) fn trailing(all_words: &[Word], people: &People<'_>) -> Option<Found> {
    // A dash left at the very end goes with the owner (`– Oakwood –` before `by Friday`).
    let end = all_words.len()
        - all_words
            .iter()
            .rev()
            .take_while(|w| is_dash(&w.raw))
            .count();
    let words = &all_words[..end];
    let last = words.len().checked_sub(1)?;
    // In brackets: `(Tom)`, `[Dr Hughes]`, over up to MAX_OWNER_WORDS words.
    if words[last].raw.ends_with([')', ']']) {
        let open = (last.saturating_sub(MAX_OWNER_WORDS)..=last)
            .find(|&i| words[i].raw.starts_with(['(', '[']))?;
        let inside: Vec<&str> = words[open..=last].iter().map(|w| w.raw.as_str()).collect();
        let inside = inside.join(" ");
        let inside = inside
            .trim_start_matches(['(', '['])
            .trim_end_matches([')', ']', '.']);
        let found = people.match_phrase(inside);
        return (found != PersonMatch::NoOne && open > 0).then(|| Found {
            remove: open..all_words.len(),
            owner: owner_of(&found, inside, people),
        });
    }
    // After a dash: `- Tom`, `– the GP`.
    let dash = (last.saturating_sub(MAX_OWNER_WORDS)..last)
        .rev()
        .find(|&i| is_dash(&words[i].raw))?;
    let keys = name_keys(&words[dash + 1..]);
    let (named, found) = people.match_start(&keys, MAX_OWNER_WORDS)?;
    (dash + 1 + named == words.len() && dash > 0).then(|| Found {
        remove: dash..all_words.len(),
        owner: owner_of(&found, &typed(&words[dash + 1..]), people),
    })
}

/// Split a trailing `(owner: JS)` (or `(owner JS)`) off the line.
pub(super) fn split_trailing_owner(input: &str) -> (&str, Option<&str>) {
    let line = input.trim_end();
    let found = line.strip_suffix(')').and_then(|inside| {
        let open = inside.rfind('(')?;
        // `open` is the index of an ASCII '(' so both slices below start on a char boundary.
        let inner = inside.get(open + 1..)?.trim_start();
        let rest = inner
            .get(..5)
            .filter(|word| word.eq_ignore_ascii_case("owner"))
            .and_then(|_| inner.get(5..))?;
        if !rest.starts_with([':', '-', ' ', '\t']) {
            return None;
        }
        let owner = rest.trim_start_matches([':', '-']).trim();
        let before = inside.get(..open)?;
        (!owner.is_empty()).then_some((before, owner))
    });
    match found {
        Some((before, owner)) => (before, Some(owner)),
        None => (input, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Attendee;

    fn attendees() -> Vec<Attendee> {
        vec![
            Attendee::new("Jane Smith", "DC", "Police"),
            Attendee::new("Priya Shah", "Social worker", "Adult Social Care"),
            Attendee::new("Siobhán Ó Briain", "Advocate", "Advocacy Service"),
        ]
    }

    fn owner(line: &str) -> Option<(Range<usize>, Owner)> {
        let attendees = attendees();
        let people = People::new(&attendees);
        find(&Word::split(line), &people).map(|f| (f.remove, f.owner))
    }

    fn attendee(line: &str) -> Option<usize> {
        owner(line).and_then(|(_, o)| o.attendee)
    }

    #[test]
    fn attendee_keys_match_whole_words_only() {
        assert_eq!(owner("JS to chase").map(|m| m.0), Some(0..2));
        assert_eq!(attendee("JS: chase"), Some(0));
        assert_eq!(owner("JSX chase"), None);
        assert_eq!(attendee("ó briain - book"), Some(2));
        assert_eq!(attendee("o briain will book"), Some(2));
        assert_eq!(attendee("ASC to fund"), Some(1));
        assert_eq!(attendee("SW visit"), Some(1));
    }

    #[test]
    fn typed_owner_needs_a_verb_after_to() {
        let found = owner("Housing officer to confirm tenancy").map(|m| m.1);
        assert_eq!(
            found,
            Some(Owner {
                owner: "Housing officer".into(),
                agency: "Housing".into(),
                attendee: None,
                miss: Some("Housing officer".into()),
                ambiguous: Vec::new(),
            })
        );
        let found = owner("Police officer to attend").map(|m| m.1);
        assert_eq!(found.map(|o| o.attendee), Some(Some(0)));
        assert_eq!(attendee("Police to attend"), Some(0));
        assert_eq!(owner("Write to GP"), None);
        assert_eq!(owner("Send letter to Mrs B"), None);
        assert_eq!(owner("Referral to be made"), None);
        assert_eq!(owner("Ask whether they want to attend"), None);
    }

    #[test]
    fn a_bracket_after_the_owner_says_who_they_are() {
        assert_eq!(attendee("Jane Smith (DC) to check PNC"), Some(0));
        assert_eq!(attendee("Priya (ASC): visit"), Some(1));
        let found = owner("Jane (police) to check PNC").map(|(r, o)| (r, o.owner));
        assert_eq!(found, Some((0..3, "Jane Smith".to_owned())));
        // Two Smiths: the bracket settles which.
        let attendees = [
            Attendee::new("Jane Smith", "DC", "Police"),
            Attendee::new("Ann Smith", "Nurse", "NHS trust"),
        ];
        let people = People::new(&attendees);
        let found = find(&Word::split("Smith (nurse) to dress the wound"), &people);
        assert_eq!(found.map(|f| f.owner.attendee), Some(Some(1)));
        let found = find(&Word::split("Smith to dress the wound"), &people);
        assert_eq!(found.map(|f| f.owner.ambiguous), Some(vec![0, 1]));
        // What the bracket names may be ambiguous too: only one is in both.
        let attendees = [
            Attendee::new("Tom Hughes", "GP", "Riverside Medical Practice"),
            Attendee::new("Gary Price", "Enquiry officer", "Adult Social Care"),
            Attendee::new("Lucy Hughes", "Nurse", "NHS trust"),
        ];
        let people = People::new(&attendees);
        let found = find(&Word::split("Hughes (GP) to review"), &people);
        assert_eq!(found.map(|f| f.owner.attendee), Some(Some(0)));
    }

    #[test]
    fn passive_owner() {
        let found = owner("Referral to be made by the social worker by Friday");
        assert_eq!(found.map(|(r, o)| (r, o.attendee)), Some((4..8, Some(1))));
    }

    #[test]
    fn trailing_owner_is_split_off() {
        assert_eq!(
            split_trailing_owner("Chase records (owner: JS) "),
            ("Chase records ", Some("JS"))
        );
        assert_eq!(
            split_trailing_owner("Chase (Owner Siobhán)"),
            ("Chase ", Some("Siobhán"))
        );
        assert_eq!(
            split_trailing_owner("Chase (ownership)"),
            ("Chase (ownership)", None)
        );
        assert_eq!(
            split_trailing_owner("Chase (owner:)"),
            ("Chase (owner:)", None)
        );
        assert_eq!(split_trailing_owner("é)"), ("é)", None));
        let attendees = attendees();
        let people = People::new(&attendees);
        assert_eq!(match_exact("siobhán", &people).attendee, Some(2));
        assert_eq!(match_exact("Police", &People::new(&[])).agency, "Police");
        let words = Word::split("Chase GP records - Jane");
        assert_eq!(trailing(&words, &people).map(|f| f.remove), Some(3..5));
        let words = Word::split("Chase GP records (the advocate)");
        assert_eq!(
            trailing(&words, &people).map(|f| f.owner.attendee),
            Some(Some(2))
        );
        let words = Word::split("Chase GP records (urgent)");
        assert_eq!(trailing(&words, &people), None);
    }
}
