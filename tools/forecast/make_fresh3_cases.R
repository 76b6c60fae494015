#!/usr/bin/env Rscript
# Builds a THIRD clean holdout of the forecast accuracy benchmark:
# bench/forecast/data/fresh3_cases.csv (split "fresh3").
# Run from the repository root:  Rscript tools/forecast/make_fresh3_cases.R
# Needs Debian's r-cran-forecast, r-cran-strucchange, r-cran-boot, r-cran-fportfolio (brings
# r-cran-timeseries and r-cran-fbasics), r-cran-aer, r-cran-ggplot2, r-cran-quantreg and
# r-cran-tseries (tools only: the tests do not need R).
#
# Why: fresh (make_fresh_cases.R) and fresh2 (make_fresh2_cases.R) have been looked at. These
# series are used by none of cases.csv, fresh_cases.csv and fresh2_cases.csv, and are meant to
# be evaluated once, on a frozen strategy.
#
# Series (monthly unless stated; "monthly mean" = mean of the daily, hourly or weekly values of
# each calendar month, the possibly partial first and last months dropped as in
# make_fresh_cases.R; for ts objects with 365 or 52 points a year the month is the twelfth of the
# year that the time index falls in, and a first or last month is only dropped when partial):
#   boot:        manaus (Rio Negro river height at Manaus, 1903-1992; the last 240 months).
#   strucchange: durab y (growth of US durable-goods manufacturing productivity, 1947-2001);
#                GermanM1 m and y (quarterly log M1 and log real GNP, West Germany/Germany,
#                1961-1995, not seasonally adjusted); BostonHomicide homicides (monthly counts of
#                youth homicides in Boston, 1992-1998, 0-10 a month).
#   fPortfolio:  SWX SBI (Swiss bond index) and SII (Swiss real-estate index), daily 2000-2007,
#                monthly mean; SPISECTOR SPI (Swiss Performance Index, daily 2000-2008, monthly
#                mean, cut before 16 missing days in September-October 2008); GCCINDEX
#                KSADSC (Saudi stock index, daily 2005-2008, monthly mean);
#                SMALLCAP MARKET, MODI and KWD (monthly market index and two US small-cap stock
#                values, 1997-2001).
#   timeSeries:  USDCHF (half-hourly dollar/Swiss franc rate, 1996-2001, monthly mean).
#   AER:         USStocksSW dividend (monthly log dividend yield of US stocks, 1931-2002);
#                DJFranses (weekly Dow Jones index, 1980-1994, monthly mean).
#   ggplot2:     economics psavert (US personal saving rate) and uempmed (median duration of
#                unemployment, weeks), 1967-2015; txhousing (Texas housing, 2000-2015) Houston
#                sales, Dallas median price and Austin active listings.
#   quantreg:    MelTemp (daily maximum temperature in Melbourne, 1981-1990, monthly mean);
#                gasprice (weekly US retail gasoline price, 1990-2003, monthly mean).
#   tseries:     ice.river flow.jok (daily flow of the Jokulsa river, Iceland, 1972-1974,
#                monthly mean) and temp (daily temperature there, monthly mean).
# Left out on purpose:
#   - twins of a used series (same quantity, overlapping time, other transform or frequency):
#     mFilter unemp (quarterly mean of the US unemployment rate = macro_unemp), strucchange
#     USIncExp (nominal monthly US personal income and consumption expenditure, i.e.
#     macro_realdpi and macro_realcons in another form), RealInt (US T-bill rate minus inflation,
#     i.e. macro_tbilrate - macro_infl), economics pce, pop and unemploy (macro_realcons,
#     macro_pop, macro_unemp), GermanM1 R and p (West German long rate and price level, as
#     interest_inflation R and Dp in fresh), SMALLCAP T90 (US T-bill rate), AER USStocksSW
#     returns (a transform of a US stock index, as DJFranses), strucchange DJIA (weekly Dow
#     Jones 1971-1974; DJFranses is longer), MASS accdeaths, deaths and drivers (= USAccDeaths,
#     ldeaths, UKDriverDeaths), tseries tcmd (daily tcm);
#   - near twins of a series kept (same quantity, co-moving): SWX SPI (SPISECTOR SPI is the
#     same index and longer), SWX LP25/LP40/LP60 and LPP2005/LPP2005REC (portfolios of, or
#     subsets of, SWX), SPISECTOR sectors (parts of SPI, same period), the other ten GCCINDEX
#     indices (Gulf markets of the same period), tseries flow.vat (second river next to
#     flow.jok), other txhousing cities for the same quantities, durab lag (y lagged);
#   - at most 3 series per family: SMALLCAP's other 19 stocks, ice.river prec;
#   - TTR ttrc (randomly generated, not a real series), datasets presidents (missing values),
#     lmtest growthofmoney (19 quarters of target deviations), timeSeries MSFT and fBasics
#     usdthb (under 14 months), SMALLCAP FCEL and AEOS among the stocks (grew by two orders
#     of magnitude), annual, 13-period and other non-monthly, non-quarterly series.
#
# Cases follow the rules of make_benchmark_cases.R, make_fresh_cases.R and make_fresh2_cases.R:
# long series cut to their last 240 points; horizon H in {6, 12}; histories of 8, 12, 18, 24,
# 36, 48, 72 points and the full history before the origin (capped at 144); the holdout is the
# last H points of the series. MASE scale: in-sample seasonal-naive MAE of all data before the
# origin. Columns as in cases.csv: id,series,period,split,history,horizon,scale,history_values,
# future_values.
suppressPackageStartupMessages({
  library(forecast)
})
get_data <- function(item, package) {
  e <- new.env()
  data(list = item, package = package, envir = e)
  get(item, envir = e)
}
# Monthly means of a series observed on calendar dates (dropping the first and last months,
# which may be partial).
monthly_mean_dates <- function(dates, values) {
  stopifnot(!anyNA(values), !anyNA(dates))
  key <- format(as.Date(dates), "%Y-%m")
  means <- tapply(values, key, mean)
  ym <- as.numeric(substr(names(means), 1, 4)) * 12 + as.numeric(substr(names(means), 6, 7))
  stopifnot(all(diff(ym) == 1))
  ts(as.numeric(means[-c(1, length(means))]), frequency = 12)
}
# Monthly means of a ts with more than 12 points a year (drops the first or last month when
# the series does not start or end on a month boundary).
monthly_mean_ts <- function(x) {
  stopifnot(!anyNA(x), frequency(x) > 12)
  tt <- as.numeric(time(x))
  month_index <- floor(tt * 12 + 1e-9)
  means <- as.numeric(tapply(as.numeric(x), month_index, mean))
  aligned <- function(v) abs(v * 12 - round(v * 12)) < 1e-6
  keep <- rep(TRUE, length(means))
  if (!aligned(tt[1])) keep[1] <- FALSE
  if (!aligned(tail(tt, 1) + 1 / frequency(x))) keep[length(means)] <- FALSE
  ts(means[keep], frequency = 12)
}
timeseries_dates <- function(x) as.Date(rownames(as.data.frame(x)))

series <- list()
series$manaus <- get_data("manaus", "boot")
series$durab_y <- get_data("durab", "strucchange")[, "y"]
gm <- get_data("GermanM1", "strucchange")
series$GermanM1_m <- gm$m
series$GermanM1_y <- gm$y
series$BostonHomicide <- get_data("BostonHomicide", "strucchange")$homicides

suppressPackageStartupMessages(library(fPortfolio))
swx <- get_data("SWX", "fPortfolio")
for (col in c("SBI", "SII")) {
  series[[paste0("SWX_", col)]] <- monthly_mean_dates(timeseries_dates(swx), as.numeric(swx[, col]))
}
spi <- get_data("SPISECTOR", "fPortfolio")
# SPI misses 16 trading days from 2008-09-02 on: the series is cut before the first missing day
# (so it ends with August 2008, the partial September being dropped).
spi_values <- as.numeric(spi[, "SPI"])
spi_keep <- seq_len(which(is.na(spi_values))[1] - 1)
series$SPISECTOR_SPI <- monthly_mean_dates(timeseries_dates(spi)[spi_keep], spi_values[spi_keep])
gcc <- get_data("GCCINDEX", "fPortfolio")
series$GCC_KSADSC <- monthly_mean_dates(timeseries_dates(gcc), as.numeric(gcc[, "KSADSC"]))
sc <- get_data("SMALLCAP", "fPortfolio")
for (col in c("MARKET", "MODI", "KWD")) {
  series[[paste0("SMALLCAP_", col)]] <- ts(as.numeric(sc[, col]), frequency = 12)
}
fx <- get_data("USDCHF", "timeSeries")
series$USDCHF <- monthly_mean_dates(timeseries_dates(fx), as.numeric(fx[, 1]))

series$USStocksSW_dividend <- get_data("USStocksSW", "AER")[, "dividend"]
series$DJFranses <- monthly_mean_ts(get_data("DJFranses", "AER"))

ec <- get_data("economics", "ggplot2")
stopifnot(all(diff(as.numeric(format(ec$date, "%Y")) * 12 + as.numeric(format(ec$date, "%m"))) == 1))
series$econ_psavert <- ts(ec$psavert, frequency = 12)
series$econ_uempmed <- ts(ec$uempmed, frequency = 12)
tx <- get_data("txhousing", "ggplot2")
tx_series <- function(city, col) {
  z <- tx[tx$city == city, ]
  z <- z[order(z$year, z$month), ]
  stopifnot(nrow(z) == 187, all(diff(z$year * 12 + z$month) == 1))
  ts(z[[col]], frequency = 12)
}
series$tx_Houston_sales <- tx_series("Houston", "sales")
series$tx_Dallas_median <- tx_series("Dallas", "median")
series$tx_Austin_listings <- tx_series("Austin", "listings")

series$MelTemp <- monthly_mean_ts(get_data("MelTemp", "quantreg"))
series$gasprice <- monthly_mean_ts(get_data("gasprice", "quantreg"))
ice <- get_data("ice.river", "tseries")
series$ice_flow_jok <- monthly_mean_ts(ice[, "flow.jok"])
series$ice_temp <- monthly_mean_ts(ice[, "temp"])

used <- c(unique(read.csv("bench/forecast/data/cases.csv", stringsAsFactors = FALSE)$series),
          unique(read.csv("bench/forecast/data/fresh_cases.csv", stringsAsFactors = FALSE)$series),
          unique(read.csv("bench/forecast/data/fresh2_cases.csv", stringsAsFactors = FALSE)$series))
stopifnot(!any(names(series) %in% used))

source("tools/forecast/benchmark_cases.R")
stopifnot(all(sapply(series, frequency) %in% c(4, 12)), all(lengths(series) >= 8 + 6))
write_cases(benchmark_cases(series, holdout_windows("fresh3")$windows), "bench/forecast/data/fresh3_cases.csv")
