## Reference values for the distribution functions in packages/core/src/stats/distributions:
## pnorm (both tails), qnorm, pchisq (upper tail), pbeta (both tails), qbeta, dbinom, pbinom
## (both tails) and dhyper(log = TRUE), on grids that include far tails and the arguments that
## binom.test, fisher.test and prop.test use. Writes ../distributions.json.
source("common.R")
out <- Sys.getenv("GOLDEN_DIR", "..")

normal_x <- c(-38, -37.5, -30, -20, -10, -8.5, -6, -5.657, -5, -3.2, -1.959963984540054, -1, -0.67448975,
              -0.66291, -0.3, -1e-17, 0, 1e-10, 0.25, 0.66292, 1, 1.6448536269514722, 1.959963984540054,
              2.5, 4, 5.656854, 5.7, 7, 8.2, 9, 12)
normal_p <- c(1e-300, 1e-100, 1e-20, 1e-10, 2.2e-16, 1e-5, 0.001, 0.0125, 0.025, 0.05, 0.074999, 0.075, 0.1, 0.3,
              0.5, 0.6, 0.8, 0.925, 0.925001, 0.95, 0.975, 0.99, 0.995, 0.999, 0.99999, 1 - 1e-12, 1)

chisq_grid <- expand.grid(x = c(0.001, 0.1, 0.5, 1, 2, 3.261756955919789, 3.841458820694124, 5, 8.112778465346535,
                                12.6, 20, 41.8, 60, 100, 300),
                          df = c(0.3, 0.5, 1, 1.5, 2, 3, 4, 5, 7, 10, 30, 100))
chisq_grid <- rbind(chisq_grid, data.frame(x = c(41.82, 45.1, 50.2, 1e-8, 1e-4), df = c(1, 2, 3, 1, 4)))

beta_grid <- expand.grid(x = c(1e-6, 0.001, 0.02, 0.1, 0.25, 0.4, 0.5, 0.6154, 0.75, 0.9, 0.99, 0.999999),
                         ab = 1:12)
shapes <- rbind(c(0.5, 0.5), c(1, 1), c(0.3, 2), c(2, 0.3), c(1, 12), c(12, 1), c(11, 2), c(6, 7),
                c(59, 78), c(682, 244), c(5.5, 30.25), c(200, 300))
beta_grid$a <- shapes[beta_grid$ab, 1]; beta_grid$b <- shapes[beta_grid$ab, 2]; beta_grid$ab <- NULL

qbeta_grid <- expand.grid(p = c(1e-10, 0.0005, 0.025, 0.05, 0.3, 0.5, 0.95, 0.975, 0.9995, 1 - 1e-10), ab = 1:12)
qbeta_grid$a <- shapes[qbeta_grid$ab, 1]; qbeta_grid$b <- shapes[qbeta_grid$ab, 2]; qbeta_grid$ab <- NULL

binom_cases <- rbind(
  data.frame(x = 0:12, n = 12, p = 0.45), data.frame(x = 0:20, n = 20, p = 0.3),
  data.frame(x = c(0, 1, 3, 10, 25, 49, 50), n = 50, p = 0.1),
  data.frame(x = c(0, 600, 650, 682, 694, 700, 750, 925), n = 925, p = 0.75),
  data.frame(x = c(0, 5, 10, 500, 1000, 5000, 10000), n = 10000, p = 0.001),
  data.frame(x = c(0, 1, 2, 3), n = 3, p = 1e-9))

hyper_cases <- rbind(
  data.frame(x = 0:4, m = 4, n = 4, k = 4), data.frame(x = 0:12, m = 13, n = 17, k = 12),
  data.frame(x = 0:12, m = 70, n = 78, k = 12), data.frame(x = c(0, 10, 25, 40, 50), m = 50, n = 60, k = 50),
  data.frame(x = c(0, 100, 400, 500), m = 1000, n = 2000, k = 900))

res <- list(
  env = env_info(),
  normal = list(x = I(normal_x), lower = I(pnorm(normal_x)), upper = I(pnorm(normal_x, lower.tail = FALSE))),
  normal_quantile = list(p = I(normal_p), quantile = I(qnorm(normal_p))),
  chisq_upper = list(x = I(chisq_grid$x), df = I(chisq_grid$df),
                     upper = I(pchisq(chisq_grid$x, chisq_grid$df, lower.tail = FALSE))),
  beta_cdf = list(x = I(beta_grid$x), a = I(beta_grid$a), b = I(beta_grid$b),
                  lower = I(pbeta(beta_grid$x, beta_grid$a, beta_grid$b)),
                  upper = I(pbeta(beta_grid$x, beta_grid$a, beta_grid$b, lower.tail = FALSE))),
  beta_quantile = list(p = I(qbeta_grid$p), a = I(qbeta_grid$a), b = I(qbeta_grid$b),
                       quantile = I(qbeta(qbeta_grid$p, qbeta_grid$a, qbeta_grid$b))),
  binomial = list(x = I(binom_cases$x), n = I(binom_cases$n), p = I(binom_cases$p),
                  density = I(dbinom(binom_cases$x, binom_cases$n, binom_cases$p)),
                  lower = I(pbinom(binom_cases$x, binom_cases$n, binom_cases$p)),
                  upper = I(pbinom(binom_cases$x, binom_cases$n, binom_cases$p, lower.tail = FALSE))),
  hypergeometric = list(x = I(hyper_cases$x), m = I(hyper_cases$m), n = I(hyper_cases$n), k = I(hyper_cases$k),
                        log_density = I(dhyper(hyper_cases$x, hyper_cases$m, hyper_cases$n, hyper_cases$k, log = TRUE)))
)
write_json_file(res, file.path(out, "distributions.json"))
