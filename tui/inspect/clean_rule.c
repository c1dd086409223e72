/* SPDX-License-Identifier: MIT */
/* clean_rule.c - the one decision of every cleaner (clean_rule.h). */
#include "inspect/clean_rule.h"

#include "common/duration.h"

#include <stdio.h>

long long clean_rule_age_ms(struct timespec mtime, struct timespec now)
{
	return ((long long)now.tv_sec - (long long)mtime.tv_sec) * 1000LL +
	       ((long long)now.tv_nsec - (long long)mtime.tv_nsec) / 1000000LL;
}

enum clean_verdict clean_rule_decide(const struct clean_facts *f,
				     struct timespec now, long stale_ms)
{
	if (f->lock == CLEAN_LOCK_HELD)
		return CLEAN_KEEP_LOCKED;
	if (f->newest && f->key_lock == CLEAN_LOCK_HELD)
		return CLEAN_KEEP_KEY_WRITER;
	if (stale_ms <= 0 || clean_rule_age_ms(f->mtime, now) <= stale_ms)
		return CLEAN_KEEP_YOUNG;
	if (f->lock == CLEAN_LOCK_UNKNOWN ||
	    (f->newest && f->key_lock == CLEAN_LOCK_UNKNOWN))
		return CLEAN_KEEP_LOCK_UNKNOWN;
	return CLEAN_REMOVABLE;
}

const char *clean_verdict_name(enum clean_verdict v)
{
	switch (v) {
	case CLEAN_REMOVABLE:
		return "removable";
	case CLEAN_KEEP_LOCKED:
		return "locked";
	case CLEAN_KEEP_KEY_WRITER:
		return "key-writer";
	case CLEAN_KEEP_YOUNG:
		return "young";
	case CLEAN_KEEP_LOCK_UNKNOWN:
		return "lock-unknown";
	}
	return "young";
}

void clean_rule_why(enum clean_verdict v, const struct clean_facts *f,
		    struct timespec now, long stale_ms, char *buf,
		    size_t size)
{
	char age[32], stale[32];
	long long a = clean_rule_age_ms(f->mtime, now);
	if (a < 0)
		snprintf(age, sizeof age, "dated in the future");
	else if (a < 1000)
		snprintf(age, sizeof age, "under 1s");
	else /* whole seconds: "12s", "2h", never "11.9s" */
		duration_format(a > 9000000000000LL ? 9000000000000L
						     : (long)(a / 1000 * 1000),
				age, sizeof age);
	duration_format(stale_ms, stale, sizeof stale);
	switch (v) {
	case CLEAN_REMOVABLE:
		snprintf(buf, size, "removable: %s old, no lock held", age);
		break;
	case CLEAN_KEEP_LOCKED:
		snprintf(buf, size, "kept: a process holds a lock on it");
		break;
	case CLEAN_KEEP_KEY_WRITER:
		snprintf(buf, size, "kept: newest temp of a key a process "
			 "holds a lock on");
		break;
	case CLEAN_KEEP_YOUNG:
		snprintf(buf, size, a < 0 ? "kept: %s, stale after %s"
					  : "kept: %s old, stale after %s",
			 age, stale);
		break;
	case CLEAN_KEEP_LOCK_UNKNOWN:
		snprintf(buf, size, "kept: cannot tell whether a lock is "
			 "held");
		break;
	}
}
