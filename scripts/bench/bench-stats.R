# The R side of `npm run bench:stats` (scripts/bench/bench-stats.ts): reads one synthetic CSV, then
# times survfit by group, survdiff and coxph (Efron) on the data frame in memory, as in
# statistics-reference.md §11 (gc(FALSE) before each run, system.time()[["elapsed"]]), and writes the
# timings and the results the TypeScript side is checked against as JSON.
#
# Usage: Rscript scripts/bench/bench-stats.R FILE.csv RUNS OUT.json
suppressMessages(library(survival))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 3) stop("usage: Rscript bench-stats.R FILE.csv RUNS OUT.json")
file <- args[[1]]
runs <- as.integer(args[[2]])
out <- args[[3]]

gc(FALSE)
load_seconds <- system.time(d <- read.csv(file))[["elapsed"]]

time_runs <- function(fit) {
  seconds <- numeric(runs)
  result <- NULL
  for (i in seq_len(runs)) {
    gc(FALSE)
    seconds[i] <- system.time(result <- fit())[["elapsed"]]
  }
  list(seconds = seconds, result = result)
}

km <- time_runs(function() survfit(Surv(time, status) ~ group, data = d))
logrank <- time_runs(function() survdiff(Surv(time, status) ~ group, data = d))
cox <- time_runs(function() coxph(Surv(time, status) ~ group, data = d))

table <- summary(km$result)$table
result <- list(
  n = nrow(d),
  loadSeconds = load_seconds,
  kmSeconds = km$seconds,
  logRankSeconds = logrank$seconds,
  coxSeconds = cox$seconds,
  medians = lapply(seq_len(nrow(table)), function(i) {
    list(median = unname(table[i, "median"]), lower = unname(table[i, "0.95LCL"]), upper = unname(table[i, "0.95UCL"]))
  }),
  chisq = logrank$result$chisq,
  coef = unname(coef(cox$result)),
  se = unname(sqrt(diag(vcov(cox$result)))),
  loglik = cox$result$loglik,
  versions = list(R = R.version.string, survival = as.character(packageVersion("survival")))
)
writeLines(jsonlite::toJSON(result, digits = NA, auto_unbox = TRUE, na = "null"), out)
