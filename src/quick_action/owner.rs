//! Who owns a quick action: an attendee named at the start of the line (by initials, name,
//! agency or role), or failing that the owner words as typed.

use super::{TRAILING, Word, fold, fold_words, join_raw};
use crate::model::{Attendee, initials_for};

/// The owner found in a line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Owner {
    /// The attendee's name, or the owner words as typed.
    pub owner: String,
    /// The attendee's agency, or the agency named by the owner words.
    pub agency: String,
    /// The matched attendee, if exactly one matched.
    pub attendee: Option<usize>,
}

/// Words that may join the owner to the action: `JS to chase`, `JS: chase`, `JS - chase`,
/// `JS will chase`.
const CONNECTORS: &[&str] = &["to", "will", ":", "-", "–", "—"];

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
];

/// Words that cannot be part of an owner in `<owner> to <verb>`.
const NOT_OWNER_WORD: &[&str] = &[
    "the", "a", "an", "and", "or", "this", "that", "it", "we", "i", "you", "they", "please", "by",
    "on", "before", "within", "in", "with", "for", "of", "from", "about", "to", "is", "are", "was",
    "be",
];

/// Words after `to` that show it is not `<owner> to <verb>` (`Write to the family`).
const NOT_VERB: &[&str] = &[
    "the", "a", "an", "her", "his", "their", "them", "him", "me", "us", "all", "each", "any",
    "every", "my", "our", "your", "its", "this", "that", "these", "those", "mrs", "mr", "ms",
    "miss", "dr", "be", "date",
];

/// Words that end an owner made of an agency and a role: `Police officer`, `GP practice`.
const ROLE_NOUNS: &[&str] = &[
    "officer",
    "officers",
    "manager",
    "lead",
    "team",
    "worker",
    "nurse",
    "staff",
    "colleague",
    "colleagues",
    "rep",
    "representative",
    "practice",
    "surgery",
    "service",
    "unit",
    "department",
    "liaison",
    "coordinator",
    "co-ordinator",
    "sergeant",
    "inspector",
];

/// How far into the line `<owner> to` may reach.
const MAX_TYPED_OWNER_WORDS: usize = 4;

/// One way of naming an attendee, as folded words.
struct Key {
    words: Vec<String>,
    attendee: usize,
    is_agency: bool,
}

/// Every way each attendee may be named: initials, full name, first name, last name (with any
/// particles: "Ó Briain", "de la Cruz"), agency (and its initials when it has several words),
/// role (and its initials: "SW" for a social worker).
fn keys(attendees: &[Attendee]) -> Vec<Key> {
    let mut keys = Vec::new();
    for (index, attendee) in attendees.iter().enumerate() {
        let mut add = |words: Vec<String>, is_agency: bool| {
            if !words.is_empty() {
                keys.push(Key {
                    words,
                    attendee: index,
                    is_agency,
                });
            }
        };
        let name = fold_words(&attendee.name);
        if name.len() > 1 {
            add(name[..1].to_vec(), false);
            for start in 1..name.len() {
                add(name[start..].to_vec(), false);
            }
        }
        add(name, false);
        // Initials are one word; "J S" would otherwise match any line starting "J".
        let initials = fold(&attendee.initials);
        if !initials.chars().any(char::is_whitespace) && !initials.is_empty() {
            add(vec![initials], false);
        }
        for (text, is_agency) in [(&attendee.agency, true), (&attendee.role, false)] {
            let words = fold_words(text);
            if words.len() > 1 {
                add(vec![initials_for(text).to_lowercase()], is_agency);
            }
            add(words, is_agency);
        }
    }
    keys
}

fn starts_with(words: &[Word], key: &[String]) -> bool {
    key.len() <= words.len() && words.iter().zip(key).all(|(word, k)| word.key == *k)
}

/// The owner words as typed, without the punctuation joining them to the action ("JS:").
fn typed(words: &[Word]) -> String {
    join_raw(words).trim_end_matches(TRAILING).to_owned()
}

/// The owner at the start of `words`, and how many words it (and its connector) takes.
pub(super) fn match_leading(words: &[Word], attendees: &[Attendee]) -> Option<(usize, Owner)> {
    let (taken, owner) = match_attendee(words, attendees)
        .or_else(|| match_typed_owner(words))
        .or_else(|| match_known(words))?;
    let connector = words
        .get(taken)
        .is_some_and(|w| CONNECTORS.contains(&w.key.as_str()));
    Some((taken + usize::from(connector), owner))
}

/// The longest attendee key at the start of `words`; several attendees named by it at once
/// (two people with the initials JS) match none, but the words are still the owner.
fn match_attendee(words: &[Word], attendees: &[Attendee]) -> Option<(usize, Owner)> {
    let keys = keys(attendees);
    let longest = keys
        .iter()
        .filter(|key| starts_with(words, &key.words))
        .map(|key| key.words.len())
        .max()?;
    let matched: Vec<&Key> = keys
        .iter()
        .filter(|key| key.words.len() == longest && starts_with(words, &key.words))
        .collect();
    if matched.iter().all(|key| key.is_agency)
        && let Some(found) = someone_from_agency(words, longest, &matched, attendees)
    {
        return Some(found);
    }
    Some((longest, owner_from(&matched, attendees, &words[..longest])))
}

/// `Police officer to attend`, `GP practice manager to send`: someone from an attendee's
/// agency, not necessarily the attendee, so the words are the owner and only the agency is
/// taken from the attendee.
fn someone_from_agency(
    words: &[Word],
    agency_words: usize,
    matched: &[&Key],
    attendees: &[Attendee],
) -> Option<(usize, Owner)> {
    let to = (agency_words + 1..=agency_words + 2).find(|&i| {
        words.get(i).is_some_and(|w| w.key == "to")
            && words
                .get(i - 1)
                .is_some_and(|w| ROLE_NOUNS.contains(&w.key.as_str()))
            && words.get(i + 1).is_some_and(looks_like_verb)
    })?;
    let agency = matched
        .first()
        .and_then(|key| attendees.get(key.attendee))?
        .agency
        .clone();
    let owner = typed(words.get(..to)?);
    Some((
        to,
        Owner {
            owner,
            agency,
            attendee: None,
        },
    ))
}

/// Whether the word after `to` looks like the verb of `<owner> to <verb>`.
fn looks_like_verb(word: &Word) -> bool {
    word.raw.chars().next().is_some_and(char::is_lowercase)
        && !NOT_VERB.contains(&word.key.as_str())
}

/// The owner named by `matched` keys (all naming the same words).
fn owner_from(matched: &[&Key], attendees: &[Attendee], typed_words: &[Word]) -> Owner {
    let mut people: Vec<usize> = matched.iter().map(|key| key.attendee).collect();
    people.sort_unstable();
    people.dedup();
    if let [only] = people.as_slice()
        && let Some(attendee) = attendees.get(*only)
    {
        return Owner {
            owner: attendee.name.clone(),
            agency: attendee.agency.clone(),
            attendee: Some(*only),
        };
    }
    // Ambiguous: keep the words, and the agency when the words name it or all share it.
    let agency_of = |index: &usize| attendees.get(*index).map(|a| a.agency.as_str());
    let named_agency = matched
        .iter()
        .find(|key| key.is_agency)
        .and_then(|key| agency_of(&key.attendee));
    let shared_agency = people
        .iter()
        .map(agency_of)
        .reduce(|a, b| if a.map(fold) == b.map(fold) { a } else { None })
        .flatten();
    Owner {
        owner: typed(typed_words),
        agency: named_agency
            .or(shared_agency)
            .unwrap_or_default()
            .to_owned(),
        attendee: None,
    }
}

/// `<Word(s)> to <verb> ...` with no attendee named: `Social worker to visit`.
fn match_typed_owner(words: &[Word]) -> Option<(usize, Owner)> {
    let to = words
        .iter()
        .take(MAX_TYPED_OWNER_WORDS + 1)
        .position(|w| w.key == "to")?;
    let owner_words = words.get(..to)?;
    let verb = words.get(to + 1)?;
    let first = owner_words.first()?;
    let looks_like_owner = !NOT_OWNER_START.contains(&first.key.as_str())
        && first.key.chars().next().is_some_and(char::is_alphabetic)
        && owner_words.iter().all(|w| {
            !w.key.is_empty()
                && !w.key.chars().any(char::is_numeric)
                && !NOT_OWNER_WORD.contains(&w.key.as_str())
        });
    if !(looks_like_owner && looks_like_verb(verb)) {
        return None;
    }
    let agency = known_prefix(owner_words, KNOWN_AGENCIES)
        .map(|n| typed(&owner_words[..n]))
        .unwrap_or_default();
    Some((
        to,
        Owner {
            owner: typed(owner_words),
            agency,
            attendee: None,
        },
    ))
}

/// A well-known agency or role at the start of the line: `Police request CCTV`, `SW visit`.
fn match_known(words: &[Word]) -> Option<(usize, Owner)> {
    let agency = known_prefix(words, KNOWN_AGENCIES);
    let role = known_prefix(words, KNOWN_ROLES);
    let taken = agency.max(role)?;
    let owner = typed(&words[..taken]);
    let agency = if agency == Some(taken) {
        owner.clone()
    } else {
        String::new()
    };
    Some((
        taken,
        Owner {
            owner,
            agency,
            attendee: None,
        },
    ))
}

/// How many words the longest entry of `list` at the start of `words` takes.
fn known_prefix(words: &[Word], list: &[&str]) -> Option<usize> {
    list.iter()
        .map(|entry| fold_words(entry))
        .filter(|entry| starts_with(words, entry))
        .map(|entry| entry.len())
        .max()
}

/// The owner named in a trailing `(owner: JS)`: the whole of `typed_owner` must name them.
pub(super) fn match_exact(typed_owner: &str, attendees: &[Attendee]) -> Owner {
    let words = Word::split(typed_owner);
    let keys = keys(attendees);
    let matched: Vec<&Key> = keys
        .iter()
        .filter(|key| key.words.len() == words.len() && starts_with(&words, &key.words))
        .collect();
    if !matched.is_empty() {
        return owner_from(&matched, attendees, &words);
    }
    let owner = typed(&words);
    let agency = if known_prefix(&words, KNOWN_AGENCIES) == Some(words.len()) {
        owner.clone()
    } else {
        String::new()
    };
    Owner {
        owner,
        agency,
        attendee: None,
    }
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

    fn people() -> Vec<Attendee> {
        vec![
            Attendee::new("Jane Smith", "DC", "Police"),
            Attendee::new("Priya Shah", "Social worker", "Adult Social Care"),
            Attendee::new("Siobhán Ó Briain", "Advocate", "Advocacy Service"),
        ]
    }

    fn leading(line: &str) -> Option<(usize, Owner)> {
        match_leading(&Word::split(line), &people())
    }

    #[test]
    fn attendee_keys_match_whole_words_only() {
        assert_eq!(leading("JS to chase").map(|m| m.0), Some(2));
        assert_eq!(leading("JS: chase").map(|m| m.1.attendee), Some(Some(0)));
        assert_eq!(leading("JSX chase"), None);
        assert_eq!(
            leading("ó briain - book").map(|m| m.1.attendee),
            Some(Some(2))
        );
        assert_eq!(leading("ASC to fund").map(|m| m.1.attendee), Some(Some(1)));
        assert_eq!(leading("SW visit").map(|m| m.1.attendee), Some(Some(1)));
    }

    #[test]
    fn typed_owner_needs_a_verb_after_to() {
        let found = leading("Housing officer to confirm tenancy").map(|m| m.1);
        assert_eq!(
            found,
            Some(Owner {
                owner: "Housing officer".into(),
                agency: "Housing".into(),
                attendee: None,
            })
        );
        let found = leading("Police officer to attend").map(|m| m.1);
        assert_eq!(
            found,
            Some(Owner {
                owner: "Police officer".into(),
                agency: "Police".into(),
                attendee: None,
            })
        );
        assert_eq!(
            leading("Police to attend").map(|m| m.1.attendee),
            Some(Some(0))
        );
        assert_eq!(leading("Write to GP"), None);
        assert_eq!(leading("Send letter to Mrs B"), None);
        assert_eq!(leading("Referral to be made"), None);
        assert_eq!(leading("Ask whether they want to attend"), None);
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
        assert_eq!(match_exact("siobhán", &people()).attendee, Some(2));
        assert_eq!(match_exact("Police", &[]).agency, "Police");
    }
}
