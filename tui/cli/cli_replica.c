/* SPDX-License-Identifier: MIT */
/* cli_replica.c - databases named on the command line, here or on
 * another host, and what a remote side printed. */
#include "cli/cli_sync.h"

#include "cli/cli_common.h"
#include "common/textsafe.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_replica_open(struct cli_args *args, const char *arg, int writable,
		     struct replica **r)
{
	struct replica_opts o = {args->rsh, args->remote_flockd,
				 args->timeout_ms, writable,
				 writable ? args->new_key_mode : 0};
	const char *why = "";
	int err = replica_open(arg, &o, r, &why);
	if (err == 0)
		return 0;
	if (err == EINVAL && *why != '\0') {
		char *shown = textsafe_name_str(arg);
		cli_message(args, "%s: %s", shown ? shown : "?", why);
		free(shown);
		return cli_status(args, EINVAL);
	}
	return cli_error_path(args, arg, err, NULL);
}

void cli_replica_messages(struct cli_args *args, struct replica *r)
{
	char *m = replica_messages(r);
	if (m == NULL)
		return;
	char *host = textsafe_name_str(replica_label(r));
	char *colon = host ? strchr(host, ':') : NULL;
	if (colon != NULL)
		*colon = '\0';
	for (char *line = m; *line != '\0';) {
		size_t len = strcspn(line, "\n");
		char *shown = textsafe_name_dup(line, len,
						args->escape | TEXTSAFE_ESCAPED);
		if (len > 0)
			cli_message(args, "%s: %s", host ? host : "?",
				    shown ? shown : "?");
		free(shown);
		line += len + (line[len] == '\n');
	}
	free(host);
	free(m);
}

int cli_replica_error(struct cli_args *args, struct replica *r,
		      const char *side, const char *table, const char *key,
		      int err, const char *step)
{
	cli_replica_messages(args, r);
	char where[256];
	char *label = textsafe_name_str(replica_label(r));
	snprintf(where, sizeof where, "%s%s%s: %s", step ? step : "",
		 step && *step ? ", " : "", side, label ? label : "?");
	free(label);
	if ((table == NULL && key == NULL) ||
	    (replica_is_remote(r) && strcmp(remote_strerror(err),
					    flockd_strerror(err)) != 0)) {
		cli_message(args, "%s: %s", where, remote_strerror(err));
		return cli_status(args, err);
	}
	return cli_error(args, table, key, err, where);
}
