## Extra reference values for packages/core/src/stats/proportions beyond stats_tests.json:
## binom.test at other confidence levels and edge null values, fisher.test on larger 2x2 tables,
## other confidence levels and more r x c tables, prop.test one-sided and k-sample with given p.
## Writes ../proportions_extra.json (schema as stats_tests.json, plus conf_level / alternative fields).
source("common.R")
out <- Sys.getenv("GOLDEN_DIR", "..")

binom_cases <- list(
  list(x = 11, n = 12, p0 = 0.45, conf = 0.9), list(x = 6, n = 12, p0 = 0.45, conf = 0.99),
  list(x = 2, n = 12, p0 = 0.1, conf = 0.95), list(x = 59, n = 136, p0 = 0.5, conf = 0.95),
  list(x = 1100, n = 2000, p0 = 0.5, conf = 0.95), list(x = 0, n = 25, p0 = 0.3, conf = 0.95),
  list(x = 0, n = 5, p0 = 0, conf = 0.95), list(x = 5, n = 5, p0 = 1, conf = 0.95),
  list(x = 3, n = 5, p0 = 0, conf = 0.95), list(x = 17, n = 40, p0 = 0.17, conf = 0.8))
binom_res <- lapply(binom_cases, function(cs) {
  list(x = cs$x, n = cs$n, p0 = cs$p0, conf_level = cs$conf,
       tests = lapply(c("two.sided", "less", "greater"), function(alt) {
         b <- binom.test(cs$x, cs$n, p = cs$p0, alternative = alt, conf.level = cs$conf)
         list(alternative = alt, p_value = as.numeric(b$p.value), conf_int = I(as.vector(b$conf.int)))
       }))
})

fisher_tables <- list(list(t = rbind(c(50, 30), c(20, 60)), conf = 0.95), list(t = rbind(c(0, 3), c(7, 2)), conf = 0.95),
                      list(t = rbind(c(100, 200), c(150, 120)), conf = 0.95), list(t = rbind(c(11, 1), c(59, 77)), conf = 0.9),
                      list(t = rbind(c(5, 0), c(0, 5)), conf = 0.99), list(t = rbind(c(7, 12), c(3, 1)), conf = 0.95),
                      list(t = rbind(c(2, 2), c(2, 2)), conf = 0.95), list(t = rbind(c(1, 0), c(0, 0)), conf = 0.95))
fisher_res <- lapply(fisher_tables, function(ft) {
  list(table_rows = ft$t, conf_level = ft$conf,
       tests = lapply(c("two.sided", "less", "greater"), function(alt) {
         f <- fisher.test(ft$t, alternative = alt, conf.level = ft$conf)
         list(alternative = alt, p_value = f$p.value, estimate_or = unname(f$estimate), conf_int = I(as.vector(f$conf.int)))
       }))
})

rxc_tables <- list(rbind(c(3, 5, 7), c(8, 2, 1)), rbind(c(7, 1), c(4, 4), c(2, 6)), rbind(c(1, 2, 0, 4, 3), c(5, 0, 2, 1, 1)),
                   rbind(c(2, 0, 1, 3), c(0, 4, 2, 1), c(3, 1, 0, 2)), rbind(c(10, 2), c(8, 5), c(3, 9), c(1, 1), c(0, 4)),
                   rbind(c(4, 1, 0), c(0, 0, 0), c(1, 3, 2)), rbind(c(12, 5, 9, 7), c(4, 10, 6, 11), c(8, 7, 3, 9)))
rxc_res <- lapply(rxc_tables, function(t) list(table_rows = t, p_value = fisher.test(t)$p.value))

prop_cases <- list(
  list(x = 11, n = 12, p = 0.45, alt = "less", correct = TRUE), list(x = 11, n = 12, p = 0.45, alt = "greater", correct = TRUE),
  list(x = 15, n = 50, p = 0.5, alt = "greater", correct = FALSE), list(x = 0, n = 20, p = 0.2, alt = "two.sided", correct = TRUE),
  list(x = 20, n = 20, p = 0.8, alt = "two.sided", correct = TRUE), list(x = 3, n = 30, p = NULL, alt = "two.sided", correct = TRUE),
  list(x = c(15, 25), n = c(50, 50), p = NULL, alt = "less", correct = TRUE),
  list(x = c(15, 25), n = c(50, 50), p = NULL, alt = "greater", correct = FALSE),
  list(x = c(11, 59), n = c(12, 136), p = NULL, alt = "two.sided", correct = TRUE),
  list(x = c(30, 32), n = c(60, 60), p = NULL, alt = "two.sided", correct = TRUE),
  list(x = c(12, 20), n = c(40, 40), p = c(0.3, 0.5), alt = "two.sided", correct = TRUE),
  list(x = c(12, 20, 9), n = c(40, 40, 30), p = c(0.3, 0.5, 0.25), alt = "two.sided", correct = TRUE),
  list(x = c(12, 20, 9), n = c(40, 40, 30), p = NULL, alt = "two.sided", correct = FALSE))
prop_res <- lapply(prop_cases, function(cs) {
  warns <- character(0)
  r <- withCallingHandlers(prop.test(cs$x, cs$n, p = cs$p, alternative = cs$alt, correct = cs$correct),
                           warning = function(w) { warns <<- c(warns, conditionMessage(w)); invokeRestart("muffleWarning") })
  list(x = I(cs$x), n = I(cs$n), p0 = if (is.null(cs$p)) NULL else I(cs$p), alternative = cs$alt, correct = cs$correct,
       statistic = unname(r$statistic), df = unname(r$parameter), p_value = r$p.value, estimate = I(unname(r$estimate)),
       conf_int = if (is.null(r$conf.int)) NULL else I(as.vector(r$conf.int)), result_alternative = r$alternative,
       warnings = I(warns))
})

## uniroot() (R_zeroin2, default tol = .Machine$double.eps^0.25, maxiter = 1000): the root finder
## behind fisher.test's conditional MLE and confidence limits.
uniroot_res <- list(
  list(f = "x^3 - x - 1", lower = 1, upper = 2, fn = function(x) x^3 - x - 1),
  list(f = "cos(x) - x", lower = 0, upper = 1, fn = function(x) cos(x) - x),
  list(f = "exp(x) - 5", lower = -3, upper = 4, fn = function(x) exp(x) - 5),
  list(f = "1/(x + 0.01) - 30", lower = 0, upper = 1, fn = function(x) 1/(x + 0.01) - 30))
uniroot_res <- lapply(uniroot_res, function(u) {
  r <- uniroot(u$fn, c(u$lower, u$upper))
  list(f = u$f, lower = u$lower, upper = u$upper, root = r$root, iter = r$iter, estim_prec = r$estim.prec)
})

write_json_file(list(env = env_info(), binom_test = binom_res, fisher_test_2x2 = fisher_res,
                     fisher_test_rxc = rxc_res, prop_test = prop_res, uniroot = uniroot_res),
                file.path(out, "proportions_extra.json"))
