//! Rules A: inclusion in the regional quota for receiving kandases and resettlers (order No. 20 of 15.01.2016) in
//! the wording of order No. 359. One module per paragraph; the procedure itself is the case machine
//! `cases::quota_a14`.

pub mod p14_prior_registration;
