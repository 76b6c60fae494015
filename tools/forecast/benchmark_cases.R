# The case rules every file of the forecast accuracy benchmark follows, sourced (from the
# repository root) by make_benchmark_cases.R and make_fresh*_cases.R:
#   long series are cut to their last 240 points; horizons H are 6 and 12; histories are 8, 12,
#   18, 24, 36, 48 and 72 points and the full history before the origin (capped at 144); the
#   MASE scale is the in-sample seasonal-naive MAE (lag = period; lag 1 for period 1 or when the
#   data before the origin hold no more than one season) of all data before the origin.
# `windows` lists where holdouts end: each list(offset =, label =, split =) puts the holdout's
# last point `offset` points before the end of the series, names cases
# <series>_h<H>_<label>_n<history> and puts them in `split`. Returns the cases' data frame
# (columns id,series,period,split,history,horizon,scale,history_values,future_values).
benchmark_cases <- function(series, windows, max_length = 240, full_cap = 144) {
  histories <- c(8, 12, 18, 24, 36, 48, 72, Inf)
  rows <- list()
  for (name in names(series)) {
    y <- as.numeric(series[[name]])
    m <- frequency(series[[name]])
    stopifnot(!anyNA(y))
    if (length(y) > max_length) y <- tail(y, max_length)
    n <- length(y)
    for (h in c(6, 12)) {
      for (window in windows) {
        origin <- n - h - window$offset
        if (origin < 8) next
        before <- y[1:origin]
        lag <- if (m > 1 && origin > m) m else 1
        scale <- mean(abs(diff(before, lag = lag)))
        future <- y[(origin + 1):(origin + h)]
        for (len in histories) {
          len <- if (is.infinite(len)) min(origin, full_cap) else len
          if (len > origin) next
          hist <- before[(origin - len + 1):origin]
          id <- sprintf("%s_h%d_%s_n%d", name, h, window$label, len)
          if (!is.null(rows[[id]])) next  # the full history is one of the fixed lengths
          rows[[id]] <- data.frame(
            id = id, series = name, period = m, split = window$split, history = len, horizon = h,
            scale = format(scale, digits = 15),
            history_values = paste(format(hist, digits = 15, trim = TRUE), collapse = " "),
            future_values = paste(format(future, digits = 15, trim = TRUE), collapse = " "))
        }
      }
    }
  }
  do.call(rbind, rows)
}

# The windows of a holdout built from other series (make_fresh*_cases.R): its end, split `name`;
# with --tuning on the command line, tuning windows 24 and 48 points before the end instead
# (split "<name>_dev"), which never overlap it. Returns the windows and the output file.
holdout_windows <- function(name) {
  if ("--tuning" %in% commandArgs(trailingOnly = TRUE)) {
    list(windows = lapply(c(24, 48), function(offset) {
           list(offset = offset, label = sprintf("%s_dev%d", name, offset), split = paste0(name, "_dev"))
         }),
         path = sprintf("bench/forecast/data/%s_dev_cases.csv", name))
  } else {
    list(windows = list(list(offset = 0, label = name, split = name)),
         path = sprintf("bench/forecast/data/%s_cases.csv", name))
  }
}

# Writes the cases as every benchmark file is written, and says how many there are by period and
# history bucket.
write_cases <- function(cases, path) {
  dir.create(dirname(path), showWarnings = FALSE, recursive = TRUE)
  write.csv(cases, path, row.names = FALSE, quote = FALSE)
  cat(nrow(cases), "cases from", length(unique(cases$series)), "series in", path, "\n")
  print(table(cases$split, cases$period, cut(cases$history, c(0, 23, 59, Inf), right = TRUE)))
}
