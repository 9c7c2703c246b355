//! Funding lines (SPEC "Decide and fund", "Default review policy"). Pure.

use crate::rules::{self, Policy};

/// Post-subsidy allocation: the excellent post-subsidy dossiers in rank order; the first ⌈n/3⌉
/// get tier 1 (150,000), the next ⌈n/3⌉ tier 2 (120,000), the rest tier 3 (100,000); then, while
/// the sum exceeds the budget, the lowest-ranked grantee is dropped (the others keep their amounts).
/// Input: dossier ids of the excellent post-subsidy dossiers in rank order. Output: (id, yuan).
pub fn subsidy_allocation(excellent_in_rank_order: &[i64], policy: &Policy) -> Vec<(i64, i64)> {
    let n = excellent_in_rank_order.len();
    let third = n.div_ceil(3);
    let mut lines: Vec<(i64, i64)> = excellent_in_rank_order
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let tier = if i < third {
                0
            } else if i < 2 * third {
                1
            } else {
                2
            };
            (*id, policy.subsidy_tiers_yuan[tier])
        })
        .collect();
    while lines.iter().map(|l| l.1).sum::<i64>() > policy.subsidy_budget_yuan {
        lines.pop();
    }
    lines
}

/// Whether a secretariat adjustment keeps the post-subsidy lines within the rules: the amount
/// within 100,000–150,000 and the total within the budget.
pub fn check_subsidy_adjustment(
    current_total: i64,
    old_amount: i64,
    new_amount: i64,
    policy: &Policy,
) -> crate::Result<()> {
    rules::check_subsidy_amount(new_amount)?;
    let total = current_total - old_amount + new_amount;
    if total > policy.subsidy_budget_yuan {
        return Err(crate::Error::invalid(
            crate::t!(crate::msg::INPUT_FIELD_SUBSIDY_AMOUNT),
            crate::t!(crate::msg::INPUT_SUBSIDY_OVER_BUDGET, total, budget = policy.subsidy_budget_yuan),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tiers_by_thirds() {
        let p = Policy::default();
        let l = subsidy_allocation(&[1, 2, 3, 4, 5, 6, 7], &p);
        let amounts: Vec<i64> = l.iter().map(|x| x.1).collect();
        // n = 7, ⌈7/3⌉ = 3: 3 × 150k, 3 × 120k, 1 × 100k
        assert_eq!(amounts, vec![150_000, 150_000, 150_000, 120_000, 120_000, 120_000, 100_000]);
    }

    #[test]
    fn lowest_ranked_dropped_until_within_budget() {
        let p = Policy { subsidy_budget_yuan: 500_000, ..Policy::default() };
        let l = subsidy_allocation(&[1, 2, 3, 4, 5, 6], &p);
        // 2×150 + 2×120 = 540 > 500 → drop to 150+150+120 = 420
        assert_eq!(l, vec![(1, 150_000), (2, 150_000), (3, 120_000)]);
    }

    proptest! {
        /// Never above budget, every amount within 100,000–150,000 (seed 002: 「10-15万元不等」),
        /// amounts never increase down the ranking, and the grantees are a prefix of the ranking.
        #[test]
        fn funding_within_rules(n in 0usize..80, budget in 0i64..12_000_000) {
            let p = Policy { subsidy_budget_yuan: budget, ..Policy::default() };
            let ids: Vec<i64> = (0..n as i64).collect();
            let l = subsidy_allocation(&ids, &p);
            prop_assert!(l.iter().map(|x| x.1).sum::<i64>() <= budget);
            for (i, (id, a)) in l.iter().enumerate() {
                prop_assert_eq!(*id, i as i64);
                prop_assert!(crate::rules::check_subsidy_amount(*a).is_ok());
                if i > 0 { prop_assert!(l[i - 1].1 >= *a); }
            }
        }
    }
}
