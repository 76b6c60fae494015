#!/usr/bin/env Rscript
# Runs R's forecast::ets() and forecast::auto.arima() (default arguments) on every case of
# bench/forecast/data/cases.csv and writes bench/forecast/data/r_forecasts.csv with columns
# id,method,seconds,failed,mean,lower,upper (95% intervals; value lists space-separated).
# A case on which a function stops with an error gets R's naive() forecast, flagged failed = 1.
# Run from the repository root (takes about half an hour on one core):
#   nice -n 10 Rscript tools/forecast/run_r_benchmark.R
# Optional arguments name the cases file and the output file, for the fresh holdout
# (tools/forecast/make_fresh_cases.R):
#   nice -n 10 Rscript tools/forecast/run_r_benchmark.R bench/forecast/data/fresh_cases.csv \
#     bench/forecast/data/r_fresh_forecasts.csv
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
cases_path <- if (length(args) >= 1) args[[1]] else "bench/forecast/data/cases.csv"
out_path <- if (length(args) >= 2) args[[2]] else "bench/forecast/data/r_forecasts.csv"
cases <- read.csv(cases_path, stringsAsFactors = FALSE)
numbers <- function(text) as.numeric(strsplit(text, " ", fixed = TRUE)[[1]])
fmt <- function(v) paste(format(as.numeric(v), digits = 12, trim = TRUE), collapse = " ")
out <- vector("list", 2 * nrow(cases))
k <- 0
for (i in seq_len(nrow(cases))) {
  cs <- cases[i, ]
  y <- ts(numbers(cs$history_values), frequency = cs$period)
  h <- cs$horizon
  for (method in c("ets", "auto.arima")) {
    failed <- 0
    start <- proc.time()[["elapsed"]]
    fc <- tryCatch({
      fit <- if (method == "ets") ets(y) else auto.arima(y)
      forecast(fit, h = h, level = 95)
    }, error = function(e) NULL)
    if (is.null(fc)) {
      failed <- 1
      fc <- naive(y, h = h, level = 95)
    }
    seconds <- proc.time()[["elapsed"]] - start
    k <- k + 1
    out[[k]] <- data.frame(id = cs$id, method = method, seconds = seconds, failed = failed,
                           mean = fmt(fc$mean), lower = fmt(fc$lower[, 1]),
                           upper = fmt(fc$upper[, 1]))
  }
  if (i %% 50 == 0) cat(i, "of", nrow(cases), "\n")
}
write.csv(do.call(rbind, out), out_path, row.names = FALSE, quote = FALSE)
cat("forecast", as.character(packageVersion("forecast")), "on", R.version.string, "\n")
