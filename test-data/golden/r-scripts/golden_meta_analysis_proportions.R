## Extra metafor checks for packages/core/src/stats/meta-analysis (pooledProportion and the tau^2
## estimators): edge cases the two literature goldens do not reach. Writes ../meta_analysis_proportions.json.
## Run from this folder: Rscript golden_meta_analysis_proportions.R
source("common.R")
suppressPackageStartupMessages(library(metafor))
out <- Sys.getenv("GOLDEN_DIR", "..")

cases <- list(
  zero_and_all_events = list(note = "studies with x = 0 and x = n: PLO adds 1/2 to both cells of those studies only (to='only0'); PFT needs no correction",
    xi = c(0, 3, 7, 12, 5), ni = c(15, 20, 18, 12, 30)),
  homogeneous = list(note = "spread below the sampling variance: DL and REML tau^2 = 0, I^2 = 0, H^2 = 1",
    xi = c(10, 11, 9, 10), ni = c(40, 40, 40, 40)),
  two_studies = list(note = "k = 2 (Q on 1 df)", xi = c(2, 17), ni = c(30, 25)),
  heterogeneous_large = list(note = "k = 12 with strong heterogeneity and very unequal n",
    xi = c(1, 45, 3, 80, 12, 2, 60, 5, 33, 0, 9, 150), ni = c(10, 60, 50, 100, 15, 40, 70, 9, 90, 20, 12, 400)),
  single_study = list(note = "k = 1: tau^2 = 0, se.tau2 NA, QE = 0, QEp = 1, I^2 = 0, H^2 = 1", xi = c(7), ni = c(19))
)

fit_one <- function(xi, ni, measure, method, level = 95) {
  es <- escalc(measure = measure, xi = xi, ni = ni)
  f <- rma(yi, vi, data = es, method = method, level = level)
  bt <- if (measure == "PLO") transf.ilogit else function(z) transf.ipft.hm(z, targs = list(ni = ni))
  pr <- predict(f, transf = bt)
  list(measure = measure, method = method, level = level, k = f$k,
       yi = I(as.vector(es$yi)), vi = I(as.vector(es$vi)),
       estimate = as.vector(f$beta), se = f$se, ci_lb = f$ci.lb, ci_ub = f$ci.ub, z = f$zval, p = f$pval,
       tau2 = f$tau2, se_tau2 = f$se.tau2, I2 = f$I2, H2 = f$H2, QE = f$QE, QEp = f$QEp,
       iter = if (is.null(f$iter)) NA_real_ else f$iter,
       pooled_proportion = pr$pred, pooled_ci_lb = pr$ci.lb, pooled_ci_ub = pr$ci.ub,
       pi_lb = if (is.null(pr$pi.lb)) pr$ci.lb else pr$pi.lb, pi_ub = if (is.null(pr$pi.ub)) pr$ci.ub else pr$pi.ub,
       weights_pct = I(as.vector(weights(f))))
}

res <- list(env = env_info(),
  note = "metafor 3.8-1 escalc(PLO/PFT) + rma(method = DL/REML/HE/EE) + predict(transf = transf.ilogit | transf.ipft.hm(targs = list(ni))).",
  cases = lapply(cases, function(cs) {
    fits <- list()
    for (measure in c("PLO", "PFT")) for (method in c("DL", "REML", "HE", "EE"))
      fits[[length(fits) + 1]] <- fit_one(cs$xi, cs$ni, measure, method)
    fits[[length(fits) + 1]] <- fit_one(cs$xi, cs$ni, "PLO", "REML", level = 90)
    list(note = cs$note, xi = I(cs$xi), ni = I(cs$ni), fits = fits)
  }))
write_json_file(res, file.path(out, "meta_analysis_proportions.json"))
cat("done\n")
