#!/usr/bin/env Rscript
# Builds a SECOND clean holdout of the forecast accuracy benchmark:
# bench/forecast/data/fresh2_cases.csv (split "fresh2").
# Run from the repository root:  Rscript tools/forecast/make_fresh2_cases.R
# Needs Debian's r-cran-forecast and r-cran-aer (tools only: the tests do not need R).
#
# Why: by the end of v5 the fresh split (make_fresh_cases.R) had been looked at twice
# (docs/numerics.md, "Protocol"), and no other series were installed. Debian's r-cran-aer
# (Applied Econometrics with R) brings monthly and quarterly series that neither cases.csv nor
# fresh_cases.csv uses. They are evaluated once, on the frozen v5 strategy.
#
# Series (r-cran-aer): ArgentinaCPI (quarterly consumer prices, 1970-1989); BondYield (monthly
# Aaa yield, 1990-1994); DutchSales (monthly sales, 1960-1995); FrozenJuice price and ppi
# (monthly, 1950-2000); GermanUnemployment unadjusted (quarterly, 1962-1991); OrangeCounty
# employment (quarterly, 1965-1983); PepperPrice black (monthly, 1973-1996); UKInflation actual
# (quarterly, 1972-1985); UKNonDurables (quarterly consumption, 1955-1988); USMacroSW gbpusd and
# gdpjp (quarterly exchange rate and Japan's GDP, 1957-2005).
# Left out on purpose: twins of a series kept (GermanUnemployment adjusted, PepperPrice white,
# UKInflation expected), US macro series that cases.csv (statsmodels macrodata) or fresh
# (lmtest ip, fyff, pw561) already has in another form (USMacroG, USMacroB, USMacroSW unemp,
# cpi, ffrate, tbill, tbond, USMacroSWM, USMacroSWQ, USMoney, USProdIndex, OrangeCounty gnp),
# FrozenJuice fdd (freezing degree days: mostly zeros), weekly, 13-period and annual series.
#
# Cases follow the rules of make_benchmark_cases.R and make_fresh_cases.R: long series cut to
# their last 240 points; horizon H in {6, 12}; histories of 8, 12, 18, 24, 36, 48, 72 points and
# the full history before the origin (capped at 144); the holdout is the last H points of the
# series. MASE scale: in-sample seasonal-naive MAE of all data before the origin.
suppressPackageStartupMessages({
  library(forecast)
  library(AER)
})
get_data <- function(item) {
  e <- new.env()
  data(list = item, package = "AER", envir = e)
  get(item, envir = e)
}

series <- list()
series$ArgentinaCPI <- get_data("ArgentinaCPI")
series$BondYield <- get_data("BondYield")
series$DutchSales <- get_data("DutchSales")
fj <- get_data("FrozenJuice")
series$FrozenJuice_price <- fj[, "price"]
series$FrozenJuice_ppi <- fj[, "ppi"]
series$GermanUnemployment <- get_data("GermanUnemployment")[, "unadjusted"]
series$OrangeCounty_employment <- get_data("OrangeCounty")[, "employment"]
series$PepperPrice_black <- get_data("PepperPrice")[, "black"]
series$UKInflation <- get_data("UKInflation")[, "actual"]
series$UKNonDurables <- get_data("UKNonDurables")
sw <- get_data("USMacroSW")
series$USMacroSW_gbpusd <- sw[, "gbpusd"]
series$USMacroSW_gdpjp <- sw[, "gdpjp"]

used <- c(unique(read.csv("bench/forecast/data/cases.csv", stringsAsFactors = FALSE)$series),
          unique(read.csv("bench/forecast/data/fresh_cases.csv", stringsAsFactors = FALSE)$series))
stopifnot(!any(names(series) %in% used))

source("tools/forecast/benchmark_cases.R")
stopifnot(all(sapply(series, frequency) %in% c(4, 12)))
# With --tuning, TUNING windows instead: holdouts ending 24 and 48 points before the end of the
# series (split "fresh2_dev", bench/forecast/data/fresh2_dev_cases.csv). They never overlap the
# holdout at the end, which stays the evaluation.
holdout <- holdout_windows("fresh2")
write_cases(benchmark_cases(series, holdout$windows), holdout$path)
