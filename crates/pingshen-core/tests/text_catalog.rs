//! The catalog's names of states, awards, roles and exchange files say what each enum's `label()`
//! says (the Chinese the window and the documents have always shown).

use pingshen_core::desk::Role;
use pingshen_core::exchange::ExchangeKind;
use pingshen_core::model::Award;
use pingshen_core::workflow::{DossierState, SheetState, Stage, StageEvent};

#[test]
fn each_text_says_the_label() {
    let stages =
        [Stage::Apply, Stage::Review, Stage::Meeting, Stage::Decide, Stage::Publicity, Stage::Final, Stage::Published];
    for s in stages {
        assert_eq!(s.text().zh(), s.label());
    }
    use DossierState as D;
    for s in [D::Draft, D::Submitted, D::Late, D::Recommended, D::Returned, D::Rejected, D::Withdrawn] {
        assert_eq!(s.text().zh(), s.label());
    }
    use SheetState as S;
    for s in [S::Pending, S::Submitted, S::Recused, S::Unreturned, S::Withdrawn] {
        assert_eq!(s.text().zh(), s.label());
    }
    use StageEvent as E;
    for e in [
        E::Draw,
        E::AllScored,
        E::CloseReview,
        E::Reopen,
        E::CloseMeeting,
        E::OpenPublicity,
        E::ClosePublicity,
        E::Publish,
    ] {
        assert_eq!(e.text().zh(), e.label());
    }
    for a in Award::ALL {
        assert_eq!(a.text().zh(), a.label());
    }
    for r in [Role::Secretariat, Role::Expert, Role::Applicant] {
        assert_eq!(r.text().zh(), r.label());
    }
    for k in [ExchangeKind::DossierFile, ExchangeKind::ReviewPackage, ExchangeKind::ScoreReturn] {
        assert_eq!(k.text().zh(), k.label());
    }
}
