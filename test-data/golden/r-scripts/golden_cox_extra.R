## Extra Cox goldens for the TypeScript port (packages/core/src/stats/survival/cox-*.ts):
## case weights (Efron and Breslow), a two-covariate monotone likelihood, an aliased column and a
## non-default conf.int. Each case carries the exact data it was fitted on (complete cases only).
## Weighted fits use robust = FALSE (the model-based variance the port reports); with non-integer
## weights coxph() defaults to robust = TRUE, whose se is stored as `default_robust_se` for reference.
## Run: Rscript golden_cox_extra.R   (writes ../cox_extra.json)
source("common.R")
out <- Sys.getenv("GOLDEN_DIR", "..")

cox_case <- function(formula, data, ties = "efron", weighted = FALSE, conf.int = 0.95, terms_data) {
  warns <- character(0)
  fit <- withCallingHandlers(
    if (weighted) coxph(formula, data = data, ties = ties, weights = w, robust = FALSE) else coxph(formula, data = data, ties = ties),
    warning = function(w) { warns <<- c(warns, conditionMessage(w)); invokeRestart("muffleWarning") })
  s <- summary(fit, conf.int = conf.int)
  robust_se <- if (weighted) unname(sqrt(diag(coxph(formula, data = data, ties = ties, weights = w)$var))) else NA
  cf <- s$coefficients; ci <- s$conf.int
  list(call = paste(deparse(formula), collapse = " "), ties = ties, weighted = weighted, conf_int = conf.int,
       n = fit$n, nevent = fit$nevent, iter = fit$iter,
       terms = I(names(coef(fit))),
       coef = I(unname(coef(fit))), se = I(unname(sqrt(diag(fit$var)))),
       hr = I(unname(ci[, 1])), z = I(unname(cf[, "z"])), p = I(unname(cf[, "Pr(>|z|)"])),
       hr_lower = I(unname(ci[, 3])), hr_upper = I(unname(ci[, 4])),
       var = unname(fit$var), means = I(unname(fit$means)),
       loglik_null = fit$loglik[1], loglik = fit$loglik[2],
       lr_test = list(stat = unname(s$logtest["test"]), df = unname(s$logtest["df"]), p = unname(s$logtest["pvalue"])),
       wald_test = list(stat = unname(fit$wald.test), df = unname(s$waldtest["df"]), p = unname(s$waldtest["pvalue"])),
       score_test = list(stat = unname(s$sctest["test"]), df = unname(s$sctest["df"]), p = unname(s$sctest["pvalue"])),
       concordance = list(C = unname(fit$concordance["concordance"]), se = unname(fit$concordance["std"])),
       warnings = I(warns),
       default_robust_se = I(robust_se),
       data = terms_data)
}

lung <- survival::lung[, c("time", "status", "age", "sex")]
lung$w <- 1 + (seq_len(nrow(lung)) %% 4) / 2
lung_data <- list(time = lung$time, status = lung$status, w = lung$w, columns = list(age = lung$age, sex = lung$sex))

heavy <- data.frame(time = c(1, 1, 2, 2, 3, 3, 3, 4, 5, 6, 6, 7), status = c(1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1),
                    grp = c(1, 2, 1, 2, 1, 2, 2, 1, 2, 1, 2, 2))
heavy$w <- c(0.5, 1, 1.5, 0.5, 2, 1, 0.5, 1, 1.5, 0.5, 1, 2)
heavy_data <- list(time = heavy$time, status = heavy$status, w = heavy$w, columns = list(grp = heavy$grp))

musto <- read.csv(file.path(out, "musto2007.csv"))
musto$typeS <- as.numeric(musto$type == "S")
musto$score <- c(2.1, 0.4, 1.7, 3.0, 0.9, 2.6, 1.2, 0.2, 2.4, 1.5, 0.7, 1.9)
musto_data <- list(time = musto$os_months, status = musto$os_event, columns = list(typeS = musto$typeS, score = musto$score))

lung2 <- lung; lung2$age2 <- 2 * lung2$age
alias_data <- list(time = lung2$time, status = lung2$status, columns = list(age = lung2$age, sex = lung2$sex, age2 = lung2$age2))

ovarian <- survival::ovarian
ovarian_data <- list(time = ovarian$futime, status = ovarian$fustat, columns = list(rx = ovarian$rx, age = ovarian$age))

res <- list(
  env = env_info(),
  note = "Extra coxph goldens for the TS port: weights, multi-covariate monotone likelihood, aliased column, conf.int = 0.90.",
  cases = list(
    lung_weighted_efron = cox_case(Surv(time, status) ~ age + sex, lung, "efron", TRUE, terms_data = lung_data),
    lung_weighted_breslow = cox_case(Surv(time, status) ~ age + sex, lung, "breslow", TRUE, terms_data = lung_data),
    heavy_ties_weighted_efron = cox_case(Surv(time, status) ~ grp, heavy, "efron", TRUE, terms_data = heavy_data),
    heavy_ties_weighted_breslow = cox_case(Surv(time, status) ~ grp, heavy, "breslow", TRUE, terms_data = heavy_data),
    musto_os_type_plus_score = cox_case(Surv(os_months, os_event) ~ typeS + score, musto, terms_data = musto_data),
    lung_aliased_column = cox_case(Surv(time, status) ~ age + sex + age2, lung2, terms_data = alias_data),
    ovarian_conf_int_90 = cox_case(Surv(futime, fustat) ~ rx + age, ovarian, conf.int = 0.90, terms_data = ovarian_data)
  ))
write_json_file(res, file.path(out, "cox_extra.json"))
cat("wrote cox_extra.json\n")
