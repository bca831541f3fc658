## Extra survival goldens for the Kaplan-Meier / log-rank port (packages/core/src/stats/survival):
## stratified survdiff, G-rho with rho = 0.5 on k > 2 groups, a group with E = 0 (dropped from the
## test), and timefix near-ties across groups (survdiff; survfit with timefix TRUE and FALSE).
## survdiff(timefix = FALSE) is not callable in survival 3.5-3 (the argument leaks into model.frame),
## so only survdiff's default timefix = TRUE has a golden.
## Run: cd test-data/golden/r-scripts && Rscript golden_survival_extra.R  (writes ../survival_extra.json)
source("common.R")
out <- Sys.getenv("GOLDEN_DIR", "..")

lung <- survival::lung
veteran <- survival::veteran

zero_expected <- data.frame(time = c(1, 2, 3, 4, 5, 6, 0.5, 0.7), status = c(1, 1, 1, 0, 1, 0, 0, 0),
                            grp = c(1, 1, 2, 2, 1, 2, 3, 3))
near_ties <- data.frame(time = c(1, 1 + 1e-10, 2, 2 - 1e-12, 3, 3, 4, 5 + 1e-9, 5, 6, 7 - 1e-13, 7),
                        status = c(1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 0),
                        grp = c(1, 2, 1, 2, 2, 1, 2, 1, 2, 1, 2, 1))

res <- list(
  env = env_info(),
  lung_sex_strata_ph.ecog = list(
    note = "survdiff(Surv(time, status) ~ sex + strata(ph.ecog), lung): O/E per group summed over strata; 1 NA row dropped",
    logrank = logrank(Surv(time, status) ~ sex + strata(ph.ecog), lung),
    logrank_rho1 = logrank(Surv(time, status) ~ sex + strata(ph.ecog), lung, rho = 1)),
  veteran_trt_strata_celltype = list(
    note = "survdiff(Surv(time, status) ~ trt + strata(celltype), veteran); strata in level order squamous, smallcell, adeno, large",
    logrank = logrank(Surv(time, status) ~ trt + strata(celltype), veteran)),
  veteran_celltype_rho0.5 = list(
    note = "four groups, Harrington-Fleming rho = 0.5",
    logrank = logrank(Surv(time, status) ~ celltype, veteran, rho = 0.5)),
  zero_expected_group = list(
    note = "group 3 is censored before the first death: E = 0, so it is dropped from the test (df = 1 with 3 groups)",
    data = zero_expected,
    logrank = logrank(Surv(time, status) ~ grp, zero_expected)),
  near_ties_two_groups = list(
    note = "times within sqrt(eps) of each other across groups: timefix merges them (aeqSurv) before survdiff and survfit",
    data = near_ties,
    logrank = logrank(Surv(time, status) ~ grp, near_ties),
    km = km_strata(Surv(time, status) ~ grp, near_ties),
    km_timefix_false = km_strata(Surv(time, status) ~ grp, near_ties, timefix = FALSE)))
write_json_file(res, file.path(out, "survival_extra.json"))
cat("wrote survival_extra.json\n")
