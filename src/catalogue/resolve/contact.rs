//! Contact details that would hurt later: a phone number that cannot be
//! dialled (`03 20 xx xx xx`, too few digits) or an e-mail address that
//! cannot be written to (no domain, `mailto:` kept, two addresses in one).
//! The page still shows them: these are warnings, so that a contact being
//! looked up does not stop the site.

use crate::diagnostics::Text;
use crate::text;

/// Why `phone` cannot be dialled, and what to write; `None` if it can.
pub(super) fn phone_problem(phone: &str) -> Option<(Text, Text)> {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = |c: char| c.is_ascii_digit() || " .-()/+\u{a0}\u{202f}".contains(c);
    let example = text!(
        "write every digit, with the country code for readers abroad: `+33 3 20 12 34 56`",
        "écrivez tous les chiffres, avec l'indicatif pour les lecteurs de l'étranger : `+33 3 20 12 34 56`"
    );
    if let Some(c) = phone.chars().find(|c| !allowed(*c)) {
        return Some((
            text!(
                "the phone number `{phone}` cannot be dialled: it holds `{c}`",
                "le numéro de téléphone `{phone}` ne peut pas être composé : il contient `{c}`"
            ),
            example,
        ));
    }
    if !(8..=15).contains(&digits) {
        return Some((
            text!(
                "the phone number `{phone}` has {digits} digits: a number has 8 to 15",
                "le numéro de téléphone `{phone}` a {digits} chiffres : un numéro en a de 8 à 15"
            ),
            example,
        ));
    }
    None
}

/// Why `email` (which has an `@` and no space) cannot be written to.
pub(super) fn email_problem(email: &str) -> Option<(Text, Text)> {
    let hint = text!(
        "write one address alone, such as `prenom.nom@example.org`",
        "écrivez une seule adresse, comme `prenom.nom@example.org`"
    );
    let problem = if email.to_ascii_lowercase().starts_with("mailto:") {
        text!(
            "`{email}` starts with `mailto:`, which the site adds itself",
            "`{email}` commence par `mailto:`, que le site ajoute lui-même"
        )
    } else if email.matches('@').count() > 1 || email.contains([',', ';']) {
        text!(
            "`{email}` holds more than one address",
            "`{email}` contient plus d'une adresse"
        )
    } else {
        let domain = email.rsplit('@').next().unwrap_or("");
        let complete = domain
            .rsplit_once('.')
            .is_some_and(|(name, ext)| !name.is_empty() && ext.len() >= 2);
        if complete && !domain.contains("..") {
            return None;
        }
        text!(
            "`{email}` has no complete domain after `@`",
            "`{email}` n'a pas de domaine complet après `@`"
        )
    };
    Some((problem, hint))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_addresses_that_cannot_be_used() {
        assert!(phone_problem("03 20 xx xx xx").is_some());
        assert!(phone_problem("03 20").is_some());
        assert!(phone_problem("+33 (0)3 20 12 34 56").is_none());
        assert!(phone_problem("03.20.12.34.56").is_none());
        assert!(email_problem("contact@example").is_some());
        assert!(email_problem("mailto:a@example.org").is_some());
        assert!(email_problem("a@example.org; b@example.org").is_some());
        assert!(email_problem("a@example.org").is_none());
    }
}
