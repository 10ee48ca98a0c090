"""Run one Swift server whose swift.conf and rings live in the test state dir.

Swift reads /etc/swift by default; set_swift_dir() points it at our own folder so a
test run never needs (or touches) a system-wide Swift configuration.
Usage: /usr/bin/python3 swift_server.py SWIFT_DIR TYPE CONF  (TYPE: proxy|account|container|object)
       /usr/bin/python3 swift_server.py SWIFT_DIR rings ACCOUNT_PORT CONTAINER_PORT OBJECT_PORT
The second form writes the three one-device rings: what `swift-ring-builder X.builder create 6 1 1`,
`add r1z1-127.0.0.1:PORT/d1 1` and `rebalance` do, in one process (0.9 s instead of 3-6 s).

Also the paste filter `deny_unsigned` (proxy pipeline, just before s3api): s3api hands requests
without S3 credentials to Swift's native API, which answers 400/412 for a path like
/bucket/key. AWS answers 403 AccessDenied, so tests can assert the same status on both.
"""
import sys
from urllib.parse import parse_qs

SWIFT_NATIVE = ('/v1/', '/v1.0/', '/auth/', '/info', '/healthcheck')
ACCESS_DENIED = (b"<?xml version='1.0' encoding='UTF-8'?>\n<Error><Code>AccessDenied</Code>"
                 b"<Message>Access Denied</Message></Error>")


def filter_factory(global_conf, **local_conf):
    def deny_unsigned(app):
        def middleware(env, start_response):
            query = parse_qs(env.get('QUERY_STRING', ''))
            signed = ('HTTP_AUTHORIZATION' in env or 'X-Amz-Credential' in query
                      or 'AWSAccessKeyId' in query)
            if (signed or env.get('PATH_INFO', '').startswith(SWIFT_NATIVE)
                    or env['REQUEST_METHOD'] == 'OPTIONS'):
                return app(env, start_response)
            from swift.common.swob import HTTPForbidden   # swob drops the body on HEAD
            return HTTPForbidden(body=ACCESS_DENIED, content_type='application/xml')(
                env, start_response)
        return middleware
    return deny_unsigned


def build_rings(swift_dir, ports):
    from swift.common.ring import RingBuilder

    for ring, port in zip(('account', 'container', 'object'), ports):
        builder = RingBuilder(6, 1, 1)   # 2^6 partitions, 1 replica, min_part_hours 1
        builder.add_dev({'region': 1, 'zone': 1, 'ip': '127.0.0.1', 'port': int(port),
                         'device': 'd1', 'weight': 1})
        builder.rebalance()
        builder.get_ring().save('%s/%s.ring.gz' % (swift_dir, ring))
    return 0


def main():
    if sys.argv[2] == 'rings':
        return build_rings(sys.argv[1], sys.argv[3:6])
    from swift.common import storage_policy, utils, wsgi

    swift_dir, server_type, conf_path = sys.argv[1:4]
    utils.set_swift_dir(swift_dir)
    # Policies are parsed at import time from the default swift.conf; reparse ours.
    storage_policy.reload_storage_policies()
    kwargs = {}
    if server_type == 'object':
        # Same hook swift-object-server passes (replication/policy options of the app).
        from swift.obj.server import global_conf_callback
        kwargs['global_conf_callback'] = global_conf_callback
    return wsgi.run_wsgi(conf_path, server_type + '-server', verbose=True, **kwargs)


if __name__ == '__main__':
    sys.exit(main())
