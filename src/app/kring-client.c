/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringClient: the object, its one SoupSession, and the one path every
 * request takes (kring-client-private.h).  The operations live in
 * kring-client-{auth,accounts,dossiers,participants}.c. */
#define G_LOG_DOMAIN "kring-client"
#include "config.h"

#include "kring-client-private.h"

#define KRING_CLIENT_TIMEOUT_SECONDS 60

struct _KringClient
{
  GObject parent_instance;

  char *base_url; /* as given until initialised, then normalised */
  gboolean initialised;
  char *token;
  SoupSession *session;
};

static void kring_client_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KringClient, kring_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      kring_client_initable_iface_init))

enum
{
  PROP_0,
  PROP_BASE_URL,
  PROP_TOKEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The base URL */

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  /* 127.0.0.0/8 and ::1; a name other than localhost could resolve
   * anywhere, so it is not trusted to stay on this machine. */
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static char *
normalise_base_url (const char *text, GError **error)
{
  g_autoptr (GUri) uri = text != NULL ? g_uri_parse (text, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  char *normal;
  gsize length;

  if (uri == NULL || host == NULL || host[0] == '\0'
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
      || g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL
      || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_INVALID_URL,
                   "“%s” is not the address of a Kring server (http:// or https://)",
                   text != NULL ? text : "");
      return NULL;
    }
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !is_loopback_host (host))
    {
      g_set_error (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_INSECURE,
                   "Plain http:// would send passwords and health records unencrypted to %s; "
                   "use https://",
                   host);
      return NULL;
    }
  normal = g_uri_to_string (uri);
  length = strlen (normal);
  while (length > 0 && normal[length - 1] == '/')
    normal[--length] = '\0';
  return normal;
}

static gboolean
kring_client_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  KringClient *self = KRING_CLIENT (initable);
  char *normal = normalise_base_url (self->base_url, error);

  if (normal == NULL)
    return FALSE;
  g_free (self->base_url);
  self->base_url = normal;
  self->initialised = TRUE;
  return TRUE;
}

static void
kring_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = kring_client_initable_init;
}

/* The object */

static void
kring_client_dispose (GObject *object)
{
  KringClient *self = KRING_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kring_client_parent_class)->dispose (object);
}

static void
kring_client_finalize (GObject *object)
{
  KringClient *self = KRING_CLIENT (object);

  g_free (self->base_url);
  g_free (self->token);

  G_OBJECT_CLASS (kring_client_parent_class)->finalize (object);
}

static void
kring_client_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KringClient *self = KRING_CLIENT (object);

  switch (prop_id)
    {
      case PROP_BASE_URL:
        g_value_set_string (value, self->base_url);
        break;
      case PROP_TOKEN:
        g_value_set_string (value, self->token);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_client_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KringClient *self = KRING_CLIENT (object);

  switch (prop_id)
    {
      case PROP_BASE_URL:
        self->base_url = g_value_dup_string (value);
        break;
      case PROP_TOKEN:
        kring_client_set_token (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_client_class_init (KringClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kring_client_dispose;
  object_class->finalize = kring_client_finalize;
  object_class->get_property = kring_client_get_property;
  object_class->set_property = kring_client_set_property;

  properties[PROP_BASE_URL]
      = g_param_spec_string ("base-url", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOKEN]
      = g_param_spec_string ("token", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kring_client_init (KringClient *self)
{
  /* The default GTlsDatabase verifies certificates, and no handler of
   * SoupMessage::accept-certificate is ever connected: a bad certificate
   * fails the request with G_TLS_ERROR. */
  self->session = soup_session_new_with_options ("timeout", KRING_CLIENT_TIMEOUT_SECONDS,
                                                 "user-agent", "kring/" PACKAGE_VERSION, NULL);
}

KringClient *
kring_client_new (const char *base_url, GError **error)
{
  return g_initable_new (KRING_TYPE_CLIENT, NULL, error, "base-url", base_url, NULL);
}

const char *
kring_client_get_base_url (KringClient *self)
{
  g_return_val_if_fail (KRING_IS_CLIENT (self), NULL);

  return self->base_url;
}

const char *
kring_client_get_token (KringClient *self)
{
  g_return_val_if_fail (KRING_IS_CLIENT (self), NULL);

  return self->token;
}

void
kring_client_set_token (KringClient *self, const char *token)
{
  g_return_if_fail (KRING_IS_CLIENT (self));

  if (g_strcmp0 (self->token, token) == 0)
    return;
  g_free (self->token);
  self->token = g_strdup (token);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
}

/* Requests */

/* The state of one request, the task data of its GTask. */
typedef struct
{
  const KringResultType *type;
  KringParseFunc item_parse; /* set for a page of a list */
  SoupMessage *message;
  char *token; /* the token sent, or NULL */
} KringCall;

static void
kring_call_free (KringCall *call)
{
  g_clear_object (&call->message);
  g_free (call->token);
  g_free (call);
}

GTask *
_kring_client_task_new (KringClient *self, gpointer source_tag, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_new0 (KringCall, 1), (GDestroyNotify)kring_call_free);
  return task;
}

static gpointer
parse_answer (KringCall *call, GBytes *body, GError **error)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) parse_error = NULL;

  if (call->type->parse_text != NULL)
    return call->type->parse_text (data != NULL ? data : "", length, error);
  root = kring_json_parse (data != NULL ? data : "", length, &parse_error);
  if (root == NULL)
    {
      g_set_error (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_INVALID_RESPONSE,
                   "The server answered with invalid JSON: %s", parse_error->message);
      return NULL;
    }
  if (call->item_parse != NULL)
    return kring_page_new_from_json (root, call->item_parse, error);
  return call->type->parse (root, error);
}

static void
complete (GTask *task, KringCall *call, GBytes *body)
{
  KringClient *self = g_task_get_source_object (task);
  GError *error = NULL;
  gpointer result = NULL;
  gboolean has_result
      = call->item_parse != NULL || call->type->parse != NULL || call->type->parse_text != NULL;

  if (has_result && (result = parse_answer (call, body, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (call->type->apply != NULL)
    call->type->apply (self, call->token, result);
  if (has_result)
    g_task_return_pointer (task, result, call->type->free_result);
  else
    g_task_return_boolean (task, TRUE);
}

static void
send_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  KringCall *call = g_task_get_task_data (task);
  g_autoptr (GBytes) body = NULL;
  GError *error = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  status = soup_message_get_status (call->message);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    complete (task, call, body);
  else
    g_task_return_error (task, _kring_client_error_new_from_response (
                                   status, soup_message_get_reason_phrase (call->message),
                                   soup_message_get_response_headers (call->message), body));
}

static SoupMessage *
build_message (KringClient *self, const char *method, const char *path, GBytes *body,
               GError **error)
{
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);
  g_autoptr (GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, error);
  SoupMessage *message;
  SoupMessageHeaders *headers;

  if (uri == NULL)
    return NULL;
  message = soup_message_new_from_uri (method, uri);
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json, application/problem+json");
  if (body != NULL)
    soup_message_set_request_body_from_bytes (message, "application/json", body);
  return message;
}

void
_kring_client_send (KringClient *self, GTask *task, const char *method, const char *path,
                    GBytes *body, KringCallFlags flags, const KringResultType *type)
{
  KringCall *call = g_task_get_task_data (task);
  g_autoptr (GBytes) owned_body = body;
  GError *error = NULL;

  call->type = type;
  if (!self->initialised)
    g_set_error_literal (&error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_INVALID_URL,
                         "The client was not initialised: use kring_client_new()");
  else
    call->message = build_message (self, method, path, body, &error);
  if (call->message == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if ((flags & KRING_CALL_AUTHENTICATED) && self->token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (call->message),
                                    "Authorization", authorization);
      call->token = g_strdup (self->token);
    }
  soup_session_send_and_read_async (self->session, call->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), send_cb, task);
}

void
_kring_client_call (KringClient *self, gpointer source_tag, const char *method, const char *path,
                    GBytes *body, KringCallFlags flags, const KringResultType *type,
                    GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = _kring_client_task_new (self, source_tag, cancellable, callback, user_data);

  _kring_client_send (self, task, method, path, body, flags, type);
}

gpointer
_kring_client_finish_pointer (KringClient *self, GAsyncResult *result, gpointer source_tag,
                              GError **error)
{
  g_return_val_if_fail (KRING_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
_kring_client_finish_boolean (KringClient *self, GAsyncResult *result, gpointer source_tag,
                              GError **error)
{
  g_return_val_if_fail (KRING_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const KringResultType _kring_result_none = { NULL };

const KringResultType _kring_result_quote = {
  .parse = (KringParseFunc)kring_quote_info_new_from_json,
  .free_result = (GDestroyNotify)kring_quote_info_unref,
};

/* Lists */

static const KringResultType page_result = { .free_result = (GDestroyNotify)kring_page_unref };

void
_kring_client_list (KringClient *self, KringListQuery *query, const char *cursor, guint limit,
                    gpointer source_tag, GCancellable *cancellable, GAsyncReadyCallback callback,
                    gpointer user_data)
{
  GTask *task = _kring_client_task_new (self, source_tag, cancellable, callback, user_data);
  KringCall *call = g_task_get_task_data (task);
  g_autofree char *path = _kring_list_query_build_path (query, cursor, limit);

  call->item_parse = _kring_list_query_get_parse_func (query);
  _kring_client_send (self, task, "GET", path, NULL, KRING_CALL_AUTHENTICATED, &page_result);
}

void
kring_client_list_async (KringClient *self, KringListQuery *query, const char *cursor, guint limit,
                         GCancellable *cancellable, GAsyncReadyCallback callback,
                         gpointer user_data)
{
  g_return_if_fail (KRING_IS_CLIENT (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (limit <= 200);

  _kring_client_list (self, query, cursor, limit, kring_client_list_async, cancellable, callback,
                      user_data);
}

KringPage *
kring_client_list_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_list_async, error);
}

/* Request bodies */

KringJsonWriter *
_kring_body_begin (KringBody *body)
{
  body->buffer = g_string_new (NULL);
  kring_json_writer_init (&body->writer, body->buffer);
  kring_json_begin_object (&body->writer);
  return &body->writer;
}

GBytes *
_kring_body_end (KringBody *body)
{
  kring_json_end_object (&body->writer);
  return g_string_free_to_bytes (g_steal_pointer (&body->buffer));
}

void
_kring_body_optional_string (KringBody *body, const char *name, const char *value)
{
  if (value != NULL)
    kring_json_member_string (&body->writer, name, value);
}

char *
_kring_escape_segment (const char *text)
{
  return g_uri_escape_string (text != NULL ? text : "", NULL, FALSE);
}
